from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and load-test content with their commands; installed outside production only."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo content"
