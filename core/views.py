"""The site's theme stylesheet: its brand colours, kept out of the pages so that they need
no inline style (the Content-Security-Policy allows none)."""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from core.models import SiteSettings

#: The address names the colours' version, so a kept copy never goes stale.
THEME_MAX_AGE = 365 * 24 * 60 * 60


def theme_stylesheet(request):
    site = Site.find_for_request(request)
    site_settings = SiteSettings.for_site(site) if site else None
    # One address per site and version: any other would let anyone fill the front cache.
    if (
        site_settings is None
        or not site_settings.theme_css
        or request.GET.get("v") != site_settings.theme_version
    ):
        raise Http404("No theme at this address.")
    response = HttpResponse(
        f":root {{ {site_settings.theme_css} }}\n", content_type="text/css; charset=utf-8"
    )
    patch_cache_control(response, public=True, max_age=THEME_MAX_AGE, immutable=True)
    return response
