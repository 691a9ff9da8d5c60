"""The site's locales, read once per content generation instead of once per use.

A page render asks for the active locale in several places (site texts, the
menu's home page, the language links) and for the page's own locale; locales
change only when an admin adds or removes a language, which moves the content
generation (wagtailcore is content for frontcache.content_changes).
"""

from django.utils.translation import get_language
from wagtail.models import Locale

from serialization import prefetch


def locales_by_id():
    return prefetch.remember_per_generation(
        "locales", lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )


def active_locale():
    """Wagtail's Locale.get_active(), from the generation's locales."""
    by_code = {locale.language_code: locale for locale in locales_by_id().values()}
    language = get_language()
    if language in by_code:
        return by_code[language]
    return Locale.get_active()


def language_codes():
    return {locale.language_code for locale in locales_by_id().values()}


def attach_locale(instance):
    """Give a translatable instance its locale from the generation's locales."""
    locale = locales_by_id().get(instance.locale_id)
    if locale is not None:
        instance.locale = locale
