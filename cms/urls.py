from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.health import healthz, readyz
from core.storage import serve_media
from core.views import site_favicon, theme_stylesheet
from localization.sitemaps import sitemap_view

urlpatterns = [
    # For load balancers: outside the language prefixes and the render cache.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("api/", include("api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("theme.css", theme_stylesheet, name="theme_stylesheet"),
    path("favicon.ico", site_favicon, name="favicon"),
]

# Media from whatever the default storage is (a folder, or the object store's
# private bucket), with public caching headers for the front cache; a MEDIA_URL on
# another host (a CDN) is served there instead.
if settings.MEDIA_URL.startswith("/"):
    media_path = f"{settings.MEDIA_URL.strip('/')}/<path:name>"
    urlpatterns.append(path(media_path, serve_media, name="media"))

# Pages and the site search: the default language unprefixed, every other
# language under /<code>/ (/es/search/ searches the Spanish pages).
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "cms.views.bad_request"
handler404 = "cms.views.not_found"
handler500 = "cms.views.server_error"
