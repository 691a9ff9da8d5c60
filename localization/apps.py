from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_content_locales(using="default", **kwargs):
    """A Wagtail locale for every language in WAGTAIL_CONTENT_LANGUAGES, so that adding a
    language to the settings needs no code and no admin step."""
    from django.conf import settings
    from wagtail.models import Locale

    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=language_code)


class LocalizationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "localization"
    verbose_name = "Languages"

    def ready(self):
        from localization import segment_labels

        post_migrate.connect(ensure_content_locales, sender=self)
        segment_labels.install()
