"""Filters of procedures by what they are linked to, shared by API v2 and v3."""

from django.db.models import Q
from wagtail.models import Page

from procedures.models import BodyRegion, ProcedurePage

#: Query parameters (beyond Wagtail's own) that filter page listings.
PROCEDURE_FILTERS = ("condition", "location", "body_region")


def matching_procedures(condition=None, location=None, body_region=None):
    """Procedures treating ``condition``, offered at ``location``, of ``body_region``.

    A condition or location stands for all its versions (translations, aliases) and
    the match holds for every version of a procedure, so that ``?locale=`` then
    picks the language: a Spanish procedure may still link the English condition.
    None when no filter is given, so that listings stay as they are.
    """
    if condition is None and location is None and body_region is None:
        return None
    procedures = ProcedurePage.objects.all()
    if condition is not None:
        linked = ProcedurePage.objects.filter(
            condition_links__condition__translation_key__in=version_keys(condition)
        )
        procedures = procedures.filter(translation_key__in=linked.values("translation_key"))
    if location is not None:
        offered = ProcedurePage.objects.filter(
            location_links__page__translation_key__in=version_keys(location)
        )
        procedures = procedures.filter(translation_key__in=offered.values("translation_key"))
    if body_region is not None:
        procedures = procedures.filter(body_region=body_region)
    return procedures.values("pk")


def version_keys(page_id):
    """The translation key shared by the versions of a page: its own, or its original's."""
    pages = Page.objects.filter(Q(pk=page_id, alias_of__isnull=True) | Q(aliases=page_id))
    return pages.values("translation_key")


def body_region_error(value):
    """A message naming the parameter when ``value`` is not a body region, else None."""
    if value is None or value in BodyRegion.values:
        return None
    return f"body_region must be one of: {', '.join(BodyRegion.values)}"
