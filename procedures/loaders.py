"""What the serialization layer needs to know of procedure and condition pages.

A listing of pages loads, for all of them at once, the pages their data shows:
the locations that offer each procedure and the procedures that treat each
condition (serialization.prefetch.warm_pages).
"""

from django.db.models import prefetch_related_objects

from locations.models import LocationPage, LocationService
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from serialization import prefetch, registry


def offering_location_ids(pages):
    links = LocationService.objects.filter(procedure__in=pages).values_list(
        "procedure_id", "page_id"
    )
    return {LocationPage: prefetch.remember_grouped("offering-locations", pages, links)}


def prefetch_condition_links(pages):
    prefetch_related_objects(pages, "condition_links")


def treating_procedure_ids(pages):
    links = ProcedureCondition.objects.filter(
        condition__in=pages, page__alias_of__isnull=True
    ).values_list("condition_id", "page_id")
    return {ProcedurePage: prefetch.remember_grouped("treating-procedures", pages, links)}


def procedure_card(page):
    return {"procedure_type": page.procedure_type, "body_region": page.body_region}


def register():
    registry.register(
        ProcedurePage,
        related_pages=offering_location_ids,
        prefetch=prefetch_condition_links,
        card_fields=procedure_card,
        relations={
            "conditions": ProcedurePage.treated_conditions,
            "locations": ProcedurePage.offering_locations,
        },
    )
    registry.register(ConditionPage, related_pages=treating_procedure_ids)
