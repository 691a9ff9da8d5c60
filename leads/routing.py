"""Which lead form a request is addressed to, read from its URL alone (never from its body)."""

from wagtail.models import Page

from leads.models import LeadFormPage


def lead_form_for(request):
    """The lead form page that Wagtail will serve this request, or None.

    Needs the resolved URL (a middleware's process_view or later). Wagtail keeps
    the route on the request, so serving the page does not route it again.
    """
    match = request.resolver_match
    if match is None or match.url_name != "wagtail_serve":
        return None
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    route = Page.route_for_request(request, path)
    page = route[0] if route else None
    return page if isinstance(page, LeadFormPage) else None
