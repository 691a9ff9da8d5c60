from django.apps import AppConfig


class LocationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "locations"

    def ready(self):
        from core import content
        from locations import loaders, structured_data

        content.register_content_app(self)
        loaders.register()
        structured_data.register()
