from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views

urlpatterns = [
    path("api/", include("cms.api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCH_FLOOR_VIEW:
    from cms.bench_views import floor

    urlpatterns += [path("bench/floor/", floor)]

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "cms.api.http.bad_request"
handler404 = "cms.api.http.not_found"
handler500 = "cms.api.http.server_error"
