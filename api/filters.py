"""Filters of procedures by what they are linked to, shared by API v2 and v3."""

from procedures.models import BodyRegion, ProcedurePage

#: Query parameters (beyond Wagtail's own) that filter page listings.
PROCEDURE_FILTERS = ("condition", "location", "body_region")


def matching_procedures(condition=None, location=None, body_region=None):
    """Procedures treating ``condition``, offered at ``location``, of ``body_region``.

    None when no filter is given, so that listings stay as they are.
    """
    if condition is None and location is None and body_region is None:
        return None
    procedures = ProcedurePage.objects.all()
    if condition is not None:
        procedures = procedures.filter(condition_links__condition_id=condition)
    if location is not None:
        procedures = procedures.filter(location_links__page_id=location)
    if body_region is not None:
        procedures = procedures.filter(body_region=body_region)
    return procedures.values("pk")


def body_region_error(value):
    """A message naming the parameter when ``value`` is not a body region, else None."""
    if value is None or value in BodyRegion.values:
        return None
    return f"body_region must be one of: {', '.join(BodyRegion.values)}"
