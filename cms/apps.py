from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Foramen"

    def ready(self):
        from cms import cache_purge, content_changes
        from cms.api import signals
        from cms.api.rich_text import register_v3_rich_text_schema

        content_changes.connect()
        signals.connect()
        cache_purge.connect()
        register_v3_rich_text_schema()
