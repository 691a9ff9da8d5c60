"""What the serialization layer needs to know of procedure and condition pages.

A listing of pages loads, for all of them at once, the pages their data shows:
the locations that offer each procedure and the procedures that treat each
condition (serialization.prefetch.warm_pages).
"""

from collections import defaultdict

from django.db.models import prefetch_related_objects
from wagtail.models import Page

from locations.models import LocationPage
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from serialization import prefetch, registry


def original_keys(pages):
    """{page id: the translation key of its original}: an alias stands for its original."""
    aliased = {page.alias_of_id for page in pages if page.alias_of_id}
    keys = dict(Page.objects.filter(pk__in=aliased).values_list("pk", "translation_key"))
    return {
        page.pk: keys.get(page.alias_of_id) if page.alias_of_id else page.translation_key
        for page in pages
    }


def offering_location_ids(pages):
    """For all pages at once, the rule of ``ProcedurePage.offering_locations``: the
    locations, in any language, that offer any version of each procedure."""
    key_of = original_keys(pages)
    offers = (
        LocationPage.objects.filter(
            services__procedure__translation_key__in=set(key_of.values()),
            alias_of__isnull=True,
        )
        .values_list("pk", "services__procedure__translation_key")
        .distinct()
    )
    offered_at = defaultdict(set)
    for location_id, key in offers:
        offered_at[key].add(location_id)
    pairs = [
        (page.pk, location_id)
        for page in pages
        for location_id in sorted(offered_at[key_of[page.pk]])
    ]
    return {LocationPage: prefetch.remember_grouped("offering-locations", pages, pairs)}


def prefetch_condition_links(pages):
    prefetch_related_objects(pages, "condition_links")


def treating_procedure_ids(pages):
    """For all pages at once, the rule of ``ConditionPage.treating_procedures``."""
    key_of = original_keys(pages)
    links = (
        ProcedureCondition.objects.filter(
            condition__translation_key__in=set(key_of.values()), page__alias_of__isnull=True
        )
        .values_list("page_id", "condition__translation_key")
        .distinct()
    )
    treating = defaultdict(set)
    for procedure_id, key in links:
        treating[key].add(procedure_id)
    pairs = [
        (page.pk, procedure_id)
        for page in pages
        for procedure_id in sorted(treating[key_of[page.pk]])
    ]
    return {ProcedurePage: prefetch.remember_grouped("treating-procedures", pages, pairs)}


def procedure_card(page):
    return {"procedure_type": page.procedure_type, "body_region": page.body_region}


def register():
    registry.register(
        ProcedurePage,
        related_pages=offering_location_ids,
        prefetch=prefetch_condition_links,
        card_fields=procedure_card,
        relations={
            "conditions": ProcedurePage.listed_conditions,
            "locations": ProcedurePage.listed_locations,
        },
    )
    registry.register(ConditionPage, related_pages=treating_procedure_ids)
