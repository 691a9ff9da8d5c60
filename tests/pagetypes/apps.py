from django.apps import AppConfig


class PageTypesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tests.pagetypes"
    label = "pagetypes"
