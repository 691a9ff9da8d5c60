from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures"

    def ready(self):
        from procedures import loaders

        loaders.register()
