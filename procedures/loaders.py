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


def offering_location_ids(pages):
    """The live locations that offer each procedure in its language, for all pages at once.

    The same rule as ``ProcedurePage.offering_locations``: locations name the
    original procedure in the source language, so a translation or an alias is
    offered wherever any translation of its original is, in its own language.
    """
    aliased = {page.alias_of_id for page in pages if page.alias_of_id}
    original_keys = dict(Page.objects.filter(pk__in=aliased).values_list("pk", "translation_key"))
    key_of = {
        page.pk: original_keys.get(page.alias_of_id) if page.alias_of_id else page.translation_key
        for page in pages
    }
    offers = (
        LocationPage.objects.live()
        .filter(
            services__procedure__translation_key__in=set(key_of.values()),
            locale_id__in={page.locale_id for page in pages},
        )
        .values_list("pk", "services__procedure__translation_key", "locale_id")
        .distinct()
    )
    offered_at = defaultdict(set)
    for location_id, key, locale_id in offers:
        offered_at[(key, locale_id)].add(location_id)
    pairs = [
        (page.pk, location_id)
        for page in pages
        for location_id in sorted(offered_at[(key_of[page.pk], page.locale_id)])
    ]
    return {LocationPage: prefetch.remember_grouped("offering-locations", pages, pairs)}


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
            "conditions": ProcedurePage.listed_conditions,
            "locations": ProcedurePage.listed_locations,
        },
    )
    registry.register(ConditionPage, related_pages=treating_procedure_ids)
