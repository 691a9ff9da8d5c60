from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures"

    def ready(self):
        from core import content
        from procedures import loaders, structured_data

        content.register_content_app(self)
        loaders.register()
        structured_data.register()
