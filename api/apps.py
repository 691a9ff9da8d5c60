from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The content API for partners: Wagtail's v2 and v3 with Foramen's additions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "Content API"

    def ready(self):
        from api import checks  # noqa: F401 (registers the system checks)
        from api.compat import apply_patches
        from api.field_schemas import register_v3_field_schemas
        from api.partner_access import sync_scope
        from api.rich_text import register_v3_rich_text_schema
        from api.streams import register_v3_streamfield_schema
        from api.v2 import SNIPPET_ENDPOINTS
        from api.v3 import extend
        from changes import outbox
        from changes import scope as sync_scopes
        from frontcache.purge import register_api_endpoint
        from partners.registry import register_snippet_model

        for name, endpoint in SNIPPET_ENDPOINTS.items():
            register_api_endpoint(endpoint.model, name)
            register_snippet_model(endpoint.model)
            outbox.register_api_endpoint(endpoint.model, name)
        sync_scopes.register(sync_scope)
        register_v3_field_schemas()
        register_v3_rich_text_schema()
        register_v3_streamfield_schema()
        # Wagtail's v3 builds its page schemas when its page router is first
        # imported (by the patches and by the api instance): after the rich text
        # and StreamField, time and date-time schemas above are registered.
        apply_patches()
        from wagtail.api.v3.urls import api as api_v3

        extend(api_v3)
