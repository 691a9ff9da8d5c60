from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Partner sites that read the content API: their keys, scopes, rate limits and usage."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from core import preview as preview_modes
        from partners import preview, registry, signals
        from people.models import Testimonial, TestimonialQuerySet

        signals.connect()
        preview_modes.register(preview)
        # The patient's authorization must cover partner syndication (docs/governance.md).
        registry.register_syndication_rule(Testimonial, TestimonialQuerySet.syndicated)
