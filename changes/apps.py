from django.apps import AppConfig


class ChangesConfig(AppConfig):
    """The outbox of content changes (ChangeEvent) and the sync feed it serves."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "changes"
    verbose_name = "Change events"

    def ready(self):
        from changes import signals

        signals.connect()
