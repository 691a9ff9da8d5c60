"""The site settings a partner front end needs around its pages: name, 24/7 phone, footer.

GET /api/v2/site-settings/ answers for the site the request's host names, or the
one ``?site=host[:port]`` names, as v2's page endpoints choose it, in the
language ``?locale=`` names (the default language without it): the banner and
footer of that language's SiteText where there is one, and the calls to action
as pages of that language show them.
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_safe
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

from api.partner_access import shows_site_and_locale
from api.v2 import validate_query
from core.models import SiteSettings
from frontcache.purge import SITE_HEADER
from localization.models import SiteText
from serialization import visibility
from serialization.content_scope import ContentScope
from serialization.representation import call_to_action_data, locale_code, page_url, phone_data

KNOWN_PARAMETERS = {"site", "locale"}


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
    try:
        site = visibility.requested_site(request)
    except Http404:
        return JsonResponse({"message": f"No site matches site={request.GET['site']}"}, status=404)
    if site is None:
        return JsonResponse({"message": "No site is configured."}, status=404)
    code = request.GET.get("locale") or settings.LANGUAGE_CODE
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        return JsonResponse({"message": f"locale is not one of the site's: {code}"}, status=400)
    if not shows_site_and_locale(request, site, locale):
        return JsonResponse({"message": "This site is not in the partner key's scope."}, status=404)
    response = JsonResponse(site_settings_data(site, SiteSettings.for_site(site), locale))
    request.content_language = locale.language_code
    # The site answered for, which ?site= may choose: its settings' change clears this.
    response[SITE_HEADER] = str(site.pk)
    return response


def site_settings_data(site, site_settings, locale):
    calls = site_settings.default_calls_to_action.select_related("call_to_action__link_page")
    scope = ContentScope(site_id=site.pk, locale_id=locale.pk)
    text = SiteText.objects.filter(site=site, locale=locale).first()
    # The home page in this language where it is translated, else the default one (marked).
    home = scope.page(site.root_page) or site.root_page
    return {
        "locale": locale.language_code,
        "site": {
            "id": site.pk,
            "name": site.site_name,
            "hostname": site.hostname,
            "port": site.port,
            "root_url": site.root_url,
            "home_page": {"id": home.pk, "url": page_url(home), "locale": locale_code(home)},
        },
        "organization_name": site_settings.organization_name,
        "phone_24_7": phone_data(site_settings.phone_24_7),
        # Without a site text in this language, the settings' own words, in the default one.
        "texts_locale": locale.language_code if text else settings.LANGUAGE_CODE,
        "phone_banner_text": (text or site_settings).phone_banner_text,
        "footer_text": (text or site_settings).footer_text,
        "calls_to_action": [
            call_to_action_data(link.call_to_action, scope=scope) for link in calls
        ],
        "social_links": [
            {"platform": link.platform, "url": link.url}
            for link in site_settings.social_links.all()
        ],
    }
