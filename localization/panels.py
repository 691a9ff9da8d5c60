"""The site settings' pointer to the site's words in other languages.

Site settings hold the default language's header and footer text; the other
languages' live in ``SiteText`` snippets, which the settings form would
otherwise never mention.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel
from wagtail.models import Locale

from localization.models import SiteText

#: The add form of a site text takes its site from this query parameter.
SITE_PARAMETER = "site"


def site_text_links(site):
    """(language name, URL, note) of the site's text in each language: edit it, or add it.

    The default language's text lives in the settings themselves, unless the site has a
    site text in that language too (the source its translations are made from), which
    the site then shows instead: that one is listed, with a note that says so.
    """
    default = Locale.get_default()
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    texts = {text.locale_id: text for text in SiteText.objects.filter(site=site)}
    viewset = SiteText.snippet_viewset
    links = []
    for locale in Locale.objects.order_by("language_code"):
        text = texts.get(locale.pk)
        name = names.get(locale.language_code, locale.language_code)
        if text is not None:
            url = reverse(viewset.get_url_name("edit"), args=[text.pk])
        elif locale.pk == default.pk:
            continue
        else:
            query = urlencode({"locale": locale.language_code, SITE_PARAMETER: site.pk})
            url = f"{reverse(viewset.get_url_name('add'))}?{query}"
        note = _("shown instead of the text above") if locale.pk == default.pk else ""
        links.append((name, url, note))
    return links


class SiteTextsPanel(HelpPanel):
    """Links from a site's settings to its header and footer text in each language."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            site = getattr(self.instance, "site", None)
            links = site_text_links(site) if site is not None else []
            self.content = links and format_html(
                "<p>{}</p><ul>{}</ul>",
                _(
                    "The banner and footer text above is the default language's. "
                    "Each language's site text, for this site:"
                ),
                format_html_join(
                    "",
                    '<li><a href="{1}">{0}</a>{2}</li>',
                    ((name, url, f" ({note})" if note else "") for name, url, note in links),
                ),
            )

        def is_shown(self):
            return bool(self.content) and super().is_shown()
