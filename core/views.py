"""Per-site assets outside the page tree: the theme stylesheet, with the brand colours kept
out of the pages so that they need no inline style (the Content-Security-Policy allows
none), and the icon browsers ask for at /favicon.ico."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from core.head import site_icons
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


def site_favicon(request):
    """/favicon.ico, asked for by browsers and feed readers that read no page: the site's icon.

    A temporary redirect, since the icon follows the logo in the site settings.
    """
    site = Site.find_for_request(request)
    site_settings = SiteSettings.for_site(site) if site else None
    return redirect(site_icons(site_settings)["icon"])
