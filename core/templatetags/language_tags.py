"""Template tags for the visitor's language: alternates, the language switcher, site text.

They read what the page's warm-up and the content generation already hold
(serialization), which is why they live above it, in core.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from localization.models import SiteText
from serialization import locales, prefetch, visibility

register = template.Library()


def _once_per_request(request, key, compute):
    """compute(), kept on the request: the alternates in the head and the language
    switcher read the same translations."""
    if request is None:
        return compute()
    kept = request.__dict__.setdefault("_localization_tags", {})
    if key not in kept:
        kept[key] = compute()
    return kept[key]


def _live_translations(page, request=None):
    if not isinstance(page, Page) or page.pk is None:
        return {}

    def translations():
        # The live translations the page's warm-up read, if it was warmed; restrictions
        # as the site reads them once per content generation.
        found = prefetch.remember(
            ("translations", page.translation_key),
            lambda: list(page.get_translations(inclusive=True).live().select_related("locale")),
        )
        return {
            translation.locale.language_code: translation
            for translation in found
            if not visibility.is_restricted(translation)
        }

    return _once_per_request(request, ("translations", page.pk), translations)


@register.simple_tag(takes_context=True)
def page_alternates(context, page):
    """(language code, absolute URL) of each live translation of ``page``, itself included."""
    request = context.get("request")
    translations = _live_translations(page, request)
    if len(translations) < 2:
        return []
    alternates = []
    for code, translation in sorted(translations.items()):
        url = translation.get_full_url(request)
        if url:
            alternates.append((code, url))
    return alternates


@register.simple_tag(takes_context=True)
def language_links(context, page):
    """One link per site language: to ``page``'s translation where it is live, else to
    that language's home page. Each has code, name, url, and is_current."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    translations = _live_translations(page, request)
    homes = _live_translations(site.root_page, request)
    current = get_language()
    codes = locales.language_codes()
    links = []
    for code, name in settings.LANGUAGES:
        if code not in codes:
            continue
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        url = target.get_url(request)
        if url:
            links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links if len(links) > 1 else []


@register.simple_tag(takes_context=True)
def site_text(context, site_settings):
    """The header and footer words in the visitor's language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return site_settings
    try:
        locale = locales.active_locale()
    except (LookupError, Locale.DoesNotExist):
        return site_settings
    text = prefetch.remember_per_generation(
        ("site-text", site.pk, locale.pk), lambda: SiteText.in_language(site, locale)
    )
    return text or site_settings


@register.simple_tag
def fallback_lang(site_words):
    """` lang="en"` on header and footer words that ``site_text`` gave in the default
    language for want of a site text in the visitor's, as every fallback is marked."""
    if isinstance(site_words, SiteText) or get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
