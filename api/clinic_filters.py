"""API v2 filters of the multi-clinic work: snippets by the clinic they belong to."""

from wagtail.api.v2.utils import BadRequestError

MAX_ID = 2**63 - 1


class LocationFilter:
    """?location=<location page id>: the endpoint's ``location_lookup`` decides what matches.

    Testimonials match by the clinic they come from, physicians by where they practise.
    """

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("location")
        if raw is None:
            return queryset
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
            raise BadRequestError("location must be a positive integer (a page id)")
        return queryset.filter(**{view.location_lookup: int(raw)}).distinct()
