from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every content app shares. Its label stays ``cms`` so that no migration moves."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    label = "cms"
    verbose_name = "Foramen"

    def ready(self):
        from core import loaders, renditions

        loaders.register()
        renditions.connect()
