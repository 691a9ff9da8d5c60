from django.urls import path
from wagtail.api.v3.urls import api as api_v3

from api.finder import nearby_locations
from api.partner_access import usage_view
from api.partner_preview import preview_view
from api.site_settings import site_settings_view
from api.sync import sync_view
from api.v2 import router as api_v2_router
from api.v2_openapi import openapi_view

urlpatterns = [
    path("v2/locations/nearby/", nearby_locations, name="api_v2_locations_nearby"),
    path("v2/openapi.json", openapi_view, name="api_v2_openapi"),
    path("v2/partner/preview/", preview_view, name="api_v2_partner_preview"),
    path("v2/partner/usage/", usage_view, name="api_v2_partner_usage"),
    path("v2/site-settings/", site_settings_view, name="api_site_settings"),
    path("v2/sync/", sync_view, name="api_v2_sync"),
    path("v2/", api_v2_router.urls),
    path("v3/", api_v3.urls),
]
