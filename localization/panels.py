"""The site settings' pointer to the site's words in other languages.

Site settings hold the default language's header and footer text; the other
languages' live in ``SiteText`` snippets, which the settings form would
otherwise never mention.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel
from wagtail.models import Locale

from localization.models import SiteText


def site_text_links(site):
    """(language name, URL) of the site's text in each other language: edit it, or add it."""
    default = Locale.get_default()
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    texts = {text.locale_id: text for text in SiteText.objects.filter(site=site)}
    viewset = SiteText.snippet_viewset
    links = []
    for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code"):
        text = texts.get(locale.pk)
        if text is not None:
            url = reverse(viewset.get_url_name("edit"), args=[text.pk])
        else:
            url = f"{reverse(viewset.get_url_name('add'))}?locale={locale.language_code}"
        links.append((names.get(locale.language_code, locale.language_code), url))
    return links


class SiteTextsPanel(HelpPanel):
    """Links from a site's settings to its header and footer text in the other languages."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            site = getattr(self.instance, "site", None)
            links = site_text_links(site) if site is not None else []
            self.content = links and format_html(
                "<p>{}</p><ul>{}</ul>",
                _(
                    "The banner and footer text above is the default language's. "
                    "Each other language has its own:"
                ),
                format_html_join("", '<li><a href="{1}">{0}</a></li>', links),
            )

        def is_shown(self):
            return bool(self.content) and super().is_shown()
