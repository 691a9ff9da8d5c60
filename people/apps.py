from django.apps import AppConfig


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = "People"

    def ready(self):
        from core import content
        from people import loaders, structured_data
        from people.models import Physician, Testimonial

        content.register_content_app(self)
        content.register_shown_in_pages(Physician, Testimonial)
        loaders.register()
        structured_data.register()
