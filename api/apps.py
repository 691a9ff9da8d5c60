from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The content API for partners: Wagtail's v2 and v3 with Foramen's additions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "Content API"

    def ready(self):
        from api.rich_text import register_v3_rich_text_schema
        from api.v3 import customise

        register_v3_rich_text_schema()
        # Wagtail's v3 instance builds its page schemas on import: after the
        # rich text schema above is registered.
        from wagtail.api.v3.urls import api as api_v3

        customise(api_v3)
