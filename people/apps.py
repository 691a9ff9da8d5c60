from django.apps import AppConfig


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = "People"

    def ready(self):
        from django.db.models.signals import post_save

        from core import content
        from core.publish_refusals import register_publish_check
        from people import loaders, signals, structured_data
        from people.consent import TestimonialAuthorization
        from people.models import Physician, Testimonial
        from scheduling import jobs

        content.register_content_app(self)
        content.register_shown_in_pages(Physician, Testimonial)
        loaders.register()
        structured_data.register()
        register_publish_check(Testimonial, Testimonial.check_publishable)
        # Expiry and dated revocations take testimonials down within a minute.
        jobs.register(
            "withdraw_lapsed_testimonials",
            "withdraw_lapsed_testimonials",
            interval=jobs.EVERY_MINUTE,
        )
        # The clinic team hears of an expiry 30 and 7 days ahead (people.expiry_warnings).
        jobs.register("warn_expiring_consent", "warn_expiring_consent", interval=jobs.DAILY)
        post_save.connect(
            signals.withdraw_when_lapsed,
            sender=TestimonialAuthorization,
            dispatch_uid="people-withdraw-on-revocation",
        )
