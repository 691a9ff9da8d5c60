from django.apps import AppConfig


class OutlinesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "outlines"

    def ready(self):
        from wagtail.signals import init_new_page

        from outlines.models import start_from_outline

        init_new_page.connect(start_from_outline)
