"""The site settings a partner front end needs around its pages: name, 24/7 phone, footer.

GET /api/v2/site-settings/ answers for the site the request's host names, or the
one ``?site=host[:port]`` names, as v2's page endpoints choose it.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from wagtail.api.v2.utils import BadRequestError

from api.v2 import validate_query
from core.models import SiteSettings
from frontcache.purge import SITE_HEADER
from serialization import visibility
from serialization.representation import call_to_action_data, page_url, phone_data

KNOWN_PARAMETERS = {"site"}


@require_safe
def site_settings_view(request):
    unknown = sorted(set(request.GET) - KNOWN_PARAMETERS)
    if unknown:
        message = f"query parameter is not allowed: {unknown[0]}"
        return JsonResponse({"message": message}, status=400)
    try:
        validate_query(request.GET)
    except BadRequestError as error:
        return JsonResponse({"message": str(error)}, status=400)
    site = visibility.requested_site(request)  # an unknown ?site= is a JSON 404
    if site is None:
        return JsonResponse({"message": "No site is configured."}, status=404)
    response = JsonResponse(site_settings_data(site, SiteSettings.for_site(site)))
    # The site answered for, which ?site= may choose: its settings' change clears this.
    response[SITE_HEADER] = str(site.pk)
    return response


def site_settings_data(site, settings):
    calls = settings.default_calls_to_action.select_related("call_to_action__link_page")
    return {
        "site": {
            "id": site.pk,
            "name": site.site_name,
            "hostname": site.hostname,
            "port": site.port,
            "root_url": site.root_url,
            "home_page": {"id": site.root_page_id, "url": page_url(site.root_page)},
        },
        "organization_name": settings.organization_name,
        "phone_24_7": phone_data(settings.phone_24_7),
        "phone_banner_text": settings.phone_banner_text,
        "footer_text": settings.footer_text,
        "calls_to_action": [call_to_action_data(link.call_to_action) for link in calls],
        "social_links": [
            {"platform": link.platform, "url": link.url} for link in settings.social_links.all()
        ],
    }
