from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Partner sites that read the content API: their keys, scopes, rate limits and usage."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from partners import signals

        signals.connect()
