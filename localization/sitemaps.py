"""The XML sitemap: every language's pages, each listing its translations as alternates.

Wagtail's stock sitemap walks only the site's root page, which is the default
language's home page, so translated trees (siblings of that root) never appear.
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    def _in_site(self):
        """Pages under the site's home page in any language."""
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        condition = Q()
        for root in roots:
            condition |= Q(path__startswith=root.path)
        return Page.objects.filter(condition).live().public()

    def items(self):
        return self._in_site().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates({item.translation_key for item in pages})
        urls = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                # A page without translations needs no alternates.
                url_info["alternates"] = (
                    alternates[item.translation_key]
                    if len(alternates[item.translation_key]) > 1
                    else []
                )
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _alternates(self, translation_keys):
        """Each translation key's live translations as (language, absolute URL), in one query."""
        translations = (
            self._in_site()
            .filter(translation_key__in=translation_keys)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        alternates = defaultdict(list)
        for translation in translations:
            url = translation.get_full_url(self.request)
            if url:
                alternates[translation.translation_key].append(
                    {"lang_code": translation.locale.language_code, "location": url}
                )
        return alternates


def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": LocalizedSitemap}, template_name="sitemap.xml")
