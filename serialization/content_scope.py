"""The content scope of a page: the site and the language it is shown in.

Everything a page shows of other content (cards, listings, calls to action,
form links, conditions and procedures, locations, physicians, testimonials)
goes through the scope of that page, on the website and in both APIs alike,
so that the two channels and every block agree. The rules, also written down
in docs/content-scope.md:

- **Language.** A related item is shown in the page's language when a live
  translation of it exists; otherwise in the default language, and marked as
  such (``is_fallback``). One item never appears in both languages.
- **Site.** Content shared between brands appears under the viewing site's
  host: a page of another site is replaced by its alias on this site. Lists
  derived from the content (the locations that offer a procedure, the
  procedures that treat a condition) hold this site's pages only. A page an
  editor chose that has no counterpart here stays, as a link to the other
  brand (``other_site``), which the channels label with that brand's name.

The scope of a page is its own site and language: a page is served on its
own site, and an API answer describes it as that site shows it.
"""

from dataclasses import dataclass

from django.utils import translation
from wagtail.models import Locale, Page, Site

from serialization import locales, prefetch, visibility


@dataclass(frozen=True)
class ContentScope:
    site_id: int | None
    locale_id: int

    @classmethod
    def of_page(cls, page):
        """The scope ``page`` is shown in: its site and its language."""
        site = site_of(page)
        return cls(site_id=site.site_id if site else None, locale_id=page.locale_id)

    @classmethod
    def of_request(cls, request):
        """The scope of a view that is no page (search, errors): the request's site and the
        active language."""
        site = Site.find_for_request(request) if request is not None else None
        return cls(site_id=site.pk if site else None, locale_id=locales.active_locale().pk)

    @classmethod
    def of_context(cls, context):
        """The scope of a template or block context: its page's, else its request's."""
        context = context or {}
        page = context.get("page")
        if isinstance(page, Page):
            return cls.of_page(page)
        return cls.of_request(context.get("request"))

    @property
    def root_paths(self):
        return [root.root_path for root in site_roots() if root.site_id == self.site_id]

    def holds(self, page):
        """Whether ``page`` lives on this scope's site (in any of its languages); a scope
        without a site (a snippet read on its own) holds every page."""
        if self.site_id is None:
            return True
        return any(page.url_path.startswith(path) for path in self.root_paths)

    def is_fallback(self, item):
        """Whether ``item`` is shown in the default language for want of a translation."""
        return item.locale_id != self.locale_id

    def other_site(self, page):
        """The Site a page shown here belongs to when it is another brand's, else None."""
        if self.site_id is None or self.holds(page):
            return None
        root = site_of(page)
        if root is None:
            return None
        return prefetch.remember(
            ("site-record", root.site_id), lambda: Site.objects.get(pk=root.site_id)
        )

    def pages(self, pages, own_site_only=False):
        """What these related pages are in this scope, each once, in their given order.

        Each page becomes its live translation in this language, else its live
        default-language version; then, when it belongs to another site, its
        alias on this site. With ``own_site_only``, pages that have no place on
        this site are left out; otherwise they stay as links to the other brand.
        Pages the public may not see are left out.
        """
        originals = [original_of(page) for page in pages if page is not None]
        versions = self._in_language(originals)
        aliases = self._aliases_here([version for version in versions.values() if version])
        shown, seen = [], set()
        for original in originals:
            if original.translation_key in seen:
                continue
            seen.add(original.translation_key)
            version = versions.get(original.pk)
            if version is None:
                continue
            version = aliases.get(version.pk, version)
            if own_site_only and not self.holds(version):
                continue
            if not visibility.is_restricted(version):
                shown.append(version)
        return shown

    def page(self, page):
        """One related page in this scope (e.g. a call to action's target); None if none."""
        shown = self.pages([page]) if page is not None else []
        return shown[0] if shown else None

    def snippet(self, snippet):
        """One translatable snippet in this scope's language where translated."""
        shown = self.snippets([snippet])
        return shown[0] if shown else None

    def snippets(self, snippets):
        """Translatable snippets in this language where translated, else in the default one."""
        snippets = [snippet for snippet in snippets if snippet is not None]
        if not snippets:
            return []
        versions = prefetch.snippet_versions(
            type(snippets[0]), {snippet.translation_key for snippet in snippets}
        )
        wanted = {self.locale_id, default_locale_id()}
        by_key = {}
        for version in (v for group in versions.values() for v in group if v.locale_id in wanted):
            if version.locale_id == self.locale_id or version.translation_key not in by_key:
                by_key[version.translation_key] = version
        shown, seen = [], set()
        for snippet in snippets:
            if snippet.translation_key in seen:
                continue
            seen.add(snippet.translation_key)
            version = by_key.get(snippet.translation_key, snippet)
            if snippet.locale_id == self.locale_id:
                version = snippet  # already right: keep the instance, with what it has loaded
            shown.append(version)
        return shown

    def _in_language(self, originals):
        """{original id: its version in this language, else in the default one, else None}."""
        versions = prefetch.live_versions(
            {page.translation_key for page in originals},
            {page.translation_key: page.specific_class or Page for page in originals},
        )
        chosen = {}
        for page in originals:
            by_locale = {version.locale_id: version for version in versions[page.translation_key]}
            chosen[page.pk] = by_locale.get(self.locale_id) or by_locale.get(default_locale_id())
        return chosen

    def _aliases_here(self, pages):
        """{page id: its live alias on this site} for the pages that live on another site."""
        if self.site_id is None:
            return {}
        elsewhere = [page.pk for page in pages if not self.holds(page)]
        aliases = prefetch.live_aliases(elsewhere, {page.pk: type(page) for page in pages})
        return {
            page_id: alias
            for page_id in elsewhere
            for alias in aliases[page_id]
            if self.holds(alias)
        }


def in_language_of(item):
    """Labels (choices, day names) read inside this block are in ``item``'s language, as
    the page shows them, whatever language the request itself is served in."""
    return translation.override(item.locale.language_code)


def site_roots():
    # Wagtail caches the roots of every site and language: reading them costs no query.
    return Site.get_site_root_paths()


def site_of(page):
    """The SiteRootPath whose root holds ``page`` (the deepest one), or None."""
    url_path = page.url_path or ""
    matches = [root for root in site_roots() if url_path.startswith(root.root_path)]
    return max(matches, key=lambda root: len(root.root_path), default=None)


def original_of(page):
    """An alias stands for its original: the original carries the translations."""
    if page.alias_of_id is None:
        return page
    original = prefetch.cached(Page, page.alias_of_id, lambda: page.alias_of.specific)
    return original or page


def default_locale_id():
    return prefetch.remember_per_generation("default-locale", lambda: Locale.get_default().pk)
