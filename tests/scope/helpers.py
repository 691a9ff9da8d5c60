"""Scope of an answer (issue #15): one site and one language per request, on every channel.

The rules the tests in this folder hold every answer to, and the markers an
answer uses to say that a link deliberately leaves its scope:

**Answer scope.** An answer is given for one site (the request's host) and one
language: an HTML page's or API page's own locale; a search results page's URL
prefix (``/es/search/`` is Spanish); the sitemap has no language of its own, so
each of its entries is judged by the page it names.

**Internal URL.** A URL whose host is one of the ``Site`` hostnames, or a path
starting with ``/``. Not judged: ``tel:``, ``mailto:``, fragments, other hosts,
assets (``/static/``, ``/media/``, ``/documents/``) and API endpoint URLs
(``/api/…``, e.g. v2/v3 ``meta.detail_url``), which name a resource, not a
page of a brand.

**Collected in HTML:** ``a[href]``, ``link[href]`` and ``form[action]``, except
the language alternates, which must point at other languages:
``link[rel=alternate][hreflang]`` in the head and every link inside the
language switcher, ``nav.language-switcher`` (templates/includes/language_switcher.html).

**Collected in JSON:** every string value that is an internal URL, and every
object that is a card of a page or of a translatable snippet: an object with
``"id"`` and a ``"type"`` (or v2's ``"meta": {"type": …}``) naming a model
(``"procedures.ConditionPage"``). Not judged: the subtrees under a
``"translations"`` key (the JSON language alternates), under ``"alias_of"``
(Wagtail's own reference from an alias to its original) and under the
writable relations of the API models (``condition_links``, ``services``,
``medical_reviewer``…): stored references, the same on every translation and
alias, read back as a v3 write sends them (see ``stored_reference_keys``).

**Same site.** An internal URL or a page card belongs to the answer's site when
its host is that site's hostname (a relative URL always is) and the page it
names is served by that site. Content shared between brands is an alias and
appears under the viewing site's host.

**Cross-brand marker** (a link that deliberately leads to another brand):

- HTML: the ``<a>`` carries ``data-site="<the other site's hostname>"`` and its
  visible text or its ``aria-label`` contains the other site's ``site_name``.
- JSON: the card (the object holding the URL, or the page card itself) has
  ``"site": {"name": <site_name>, "hostname": <hostname>}``, present only when
  it is another site.

**Same language.** The page a URL names (or, for a URL that names no page, its
language prefix: ``/es/…`` Spanish, unprefixed English) is in the answer's
language.

**Fallback marker** (a related item shown in the default language because it
has no live translation in the answer's language):

- HTML: the ``<a>`` has ``lang="en"`` and ``hreflang="en"``.
- JSON: the card (the object holding the URL, or the page card itself) has
  ``"locale": "en"`` (v2's stock nested objects may carry it as
  ``"meta": {"locale": "en"}``).

A fallback is allowed only towards the default language and only when the
item has no live translation in the answer's language; an English answer never
links a Spanish page; one answer never shows both languages of one item.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.apps import apps
from django.test import Client
from wagtail.models import Locale, Page, Site, TranslatableMixin, get_page_models

from tests.helpers import a_page_of_type

CHANNELS = ("html", "api_v2", "api_v3", "sitemap", "search")
PAGE_TYPE_LABELS = tuple(model._meta.label for model in get_page_models())
NOT_JUDGED_PREFIXES = ("/static/", "/media/", "/documents/", "/api/")


def stored_reference_keys():
    """The writable relations of every API model: stored references, not shown content.

    What an editor chose is stored once, in the source language, and a
    translation or an alias keeps it unchanged (wagtail-localize copies link
    rows as they are); v3 reads it back exactly as a write sends it. What a
    page shows of those references, in its scope, is in its read-only fields
    (``conditions``, ``locations``, ``procedures_offered``, ``physicians``…),
    which these tests judge.
    """
    keys = set()
    for model in apps.get_models():
        for api_field in getattr(model, "api_fields", ()):
            if not getattr(api_field, "writable", False):
                continue
            try:
                field = model._meta.get_field(api_field.name)
            except LookupError:
                continue
            if field.is_relation:
                keys.add(api_field.name)
    return keys


# schema_org is the page's JSON-LD graph, which the HTML holds in a script that these
# checks read neither: its site-wide nodes (organization, website, physicians) have the
# same @id on every page and in both languages by design (core/structured_data.py), and
# tests/api/test_schema_org.py checks that it equals the HTML's.
SKIPPED_JSON_KEYS = {"translations", "alias_of", "schema_org", *stored_reference_keys()}
# The cards of snippets in JSON carry no type: they are known by their keys.
SNIPPET_CARD_KEYS = {
    "people.Physician": {"id", "name", "npi"},
    "people.Testimonial": {"id", "display_name", "disclosure"},
    "cms.CallToAction": {"id", "kind", "heading", "label"},
}
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


# --- what the database says -------------------------------------------------


@dataclass(frozen=True)
class PageFacts:
    id: int
    label: str
    title: str
    language: str
    translation_key: object
    site_id: int
    host: str
    path: str
    parent_id: int

    @property
    def url(self):
        return f"http://{self.host}{self.path}"


@dataclass
class Demo:
    """Every live page each site serves, read once per session (ids are stable)."""

    sites: dict  # site id -> Site
    hosts: dict  # hostname -> Site
    default_language: str
    languages: list
    roots: set = field(default_factory=set)  # ids of the tree's root pages, which no site serves
    pages: dict = field(default_factory=dict)  # page id -> PageFacts
    by_url: dict = field(default_factory=dict)  # (host, path) -> PageFacts
    live_translation: dict = field(default_factory=dict)  # (key, language, site) -> PageFacts

    def page_for_url(self, host, path):
        return self.by_url.get((host, path))

    def by_url_of(self, url):
        """The page an absolute URL names, or None."""
        parts = urlsplit(url)
        return self.by_url.get((parts.hostname, parts.path or "/"))

    def translation(self, facts, language):
        """The live translation of ``facts`` in ``language`` on the same site, or None."""
        return self.live_translation.get((facts.translation_key, language, facts.site_id))

    def pages_of(self, label):
        return [facts for facts in self.pages.values() if facts.label == label]


def read_demo():
    sites = {site.pk: site for site in Site.objects.select_related("root_page")}
    demo = Demo(
        sites=sites,
        hosts={site.hostname: site for site in sites.values()},
        default_language=Locale.get_default().language_code,
        languages=sorted(Locale.objects.values_list("language_code", flat=True)),
    )
    demo.roots = set(Page.objects.filter(depth=1).values_list("pk", flat=True))
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    for page in Page.objects.live().exclude(depth=1).specific().order_by("path"):
        add_page(demo, page, languages)
    return demo


def add_page(demo, page, languages=None):
    """Record ``page`` in ``demo``; its facts, or None for a page no site serves."""
    languages = languages or dict(Locale.objects.values_list("pk", "language_code"))
    parts = page.get_url_parts()
    if parts is None:
        return None
    site_id, _root_url, path = parts
    site = demo.sites[site_id]
    facts = PageFacts(
        id=page.pk,
        label=type(page)._meta.label,
        title=page.title,
        language=languages[page.locale_id],
        translation_key=page.translation_key,
        site_id=site_id,
        host=site.hostname,
        path=path,
        parent_id=page.get_parent().pk,
    )
    demo.pages[page.pk] = facts
    demo.by_url[(site.hostname, path)] = facts
    demo.live_translation[(facts.translation_key, facts.language, site_id)] = facts
    return facts


def pages_of_type(demo, label):
    """The demo's live pages of ``label``; for a type the demo lacks (a new one, or one
    defined by the test suite), one its factory builds in this test, recorded in a copy
    of the facts that this test alone uses."""
    pages = demo.pages_of(label)
    if pages:
        return demo, pages
    model = apps.get_model(label)
    if not model.is_creatable:
        pytest.skip(f"{label}: no editor creates pages of this type (the tree's root is one)")
    built = copy.deepcopy(demo)
    facts = add_page(built, a_page_of_type(model, Locale.get_default()))
    # Answers in this test show the built page, which the next test will not have.
    _KEEP_ANSWERS[0] = False
    _ANSWERS.clear()
    return built, [facts]


_DEMO = []


def demo_facts():
    """The demo's pages, read once per session on first use.

    Call it from a test that has not changed the content yet: the facts are kept.
    """
    if not _DEMO:
        _DEMO.append(read_demo())
    if not _KEEP_ANSWERS[0]:
        _ANSWERS.clear()
        _KEEP_ANSWERS[0] = True
    return _DEMO[0]


# --- answers, kept for the session ------------------------------------------

_ANSWERS = {}
_KEEP_ANSWERS = [True]


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict
    content: bytes

    @property
    def text(self):
        return self.content.decode()

    def json(self):
        return json.loads(self.content)


def fetch(host, url, **headers):
    """One GET, kept per (host, url, headers) for the session: the demo content does not change."""
    key = (host, url, tuple(sorted(headers.items())))
    if key not in _ANSWERS:
        response = Client().get(url, HTTP_HOST=host, **headers)
        answer = Answer(response.status_code, dict(response.headers), response.content)
        if not _KEEP_ANSWERS[0]:
            return answer
        _ANSWERS[key] = answer
    return _ANSWERS[key]


def channel_url(channel, facts, language=None):
    if channel == "html":
        return facts.path
    if channel == "api_v2":
        return f"/api/v2/pages/{facts.id}/"
    if channel == "api_v3":
        return f"/api/v3/pages/{facts.id}/"
    if channel == "search":
        prefix = "" if language is None else language
        return f"{prefix}/search/?q={quote(facts.title)}"
    if channel == "sitemap":
        return "/sitemap.xml"
    raise ValueError(channel)


# --- links ------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    url: str
    where: str  # a CSS-ish or JSON path to the link
    text: str = ""
    lang: str | None = None
    hreflang: str | None = None
    data_site: str | None = None  # HTML data-site
    card_locale: str | None = None  # JSON "locale"
    card_site: dict | None = None  # JSON "site"
    page_id: int | None = None  # a JSON page card's id


def html_links(content):
    """Every internal-looking link of an HTML answer, without the language alternates."""
    soup = BeautifulSoup(content, "html.parser")
    for switcher in soup.select("nav.language-switcher"):
        switcher.decompose()
    for alternate in soup.select("link[rel~=alternate][hreflang]"):
        alternate.decompose()
    for element in soup.select("a[href], link[href], form[action]"):
        url = element.get("href") if element.name != "form" else element.get("action")
        label = " ".join(
            filter(None, [element.get_text(" ", strip=True), element.get("aria-label")])
        )
        yield Link(
            url=url,
            where=_describe(element),
            text=label,
            lang=element.get("lang"),
            hreflang=element.get("hreflang"),
            data_site=element.get("data-site"),
        )


def _describe(element):
    section = element.find_parent(["section", "nav", "header", "footer", "form"])
    context = ""
    if section is not None:
        heading = section.find(["h2", "h3"])
        label = section.get("aria-label") or (heading.get_text(" ", strip=True) if heading else "")
        classes = ".".join(section.get("class") or [])
        context = f"{section.name}{'.' + classes if classes else ''}"
        if label:
            context += f" «{label}»"
    text = element.get_text(" ", strip=True)[:60]
    return f"{context} <{element.name}> «{text}»" if context else f"<{element.name}> «{text}»"


def json_links(data):
    """Every URL string and every model card of a JSON answer, without the alternates."""
    yield from _walk(data, "$", {})


def _card_type(node):
    for label, keys in SNIPPET_CARD_KEYS.items():
        if keys <= node.keys():
            return apps.get_model(label)
    label = node.get("type")
    if not isinstance(label, str) and isinstance(node.get("meta"), dict):
        label = node["meta"].get("type")
    if isinstance(label, str) and label.count(".") == 1:
        try:
            return apps.get_model(label)
        except (LookupError, ValueError):
            return None
    return None


def _walk(node, path, card):
    if isinstance(node, dict):
        meta = node.get("meta") if isinstance(node.get("meta"), dict) else {}
        here = {
            "locale": node.get("locale", meta.get("locale")),
            "site": node.get("site") if isinstance(node.get("site"), dict) else None,
        }
        model = _card_type(node) if "id" in node else None
        if model is not None and issubclass(model, Page):
            yield Link(
                url="",
                where=path,
                text=str(node.get("title", "")),
                card_locale=here["locale"],
                card_site=here["site"],
                page_id=node["id"],
            )
        elif model is not None and issubclass(model, TranslatableMixin):
            yield ("snippet", path, model, node["id"], here["locale"])
        for key, value in node.items():
            if key in SKIPPED_JSON_KEYS:
                continue
            yield from _walk(value, f"{path}.{key}", here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]", card)
    elif isinstance(node, str) and (node.startswith("/") or node.startswith("http")):
        yield Link(url=node, where=path, card_locale=card.get("locale"), card_site=card.get("site"))


def sitemap_entries(content):
    """(loc, [(hreflang, href)]) of each <url> of a sitemap."""
    root = ElementTree.fromstring(content)
    for url in root.findall("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
        alternates = [
            (link.get("hreflang"), link.get("href"))
            for link in url.findall("x:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        ]
        yield loc.strip(), alternates


# --- the rules --------------------------------------------------------------


def language_of_path(demo, path):
    for language in demo.languages:
        if language != demo.default_language and (
            path == f"/{language}" or path.startswith(f"/{language}/")
        ):
            return language
    return demo.default_language


def judged_target(demo, url, answer_host):
    """(host, path) of an internal URL, or None when the URL is not judged."""
    if not url or url.startswith("#"):
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    host = parts.hostname or answer_host
    if host not in demo.hosts:
        return None
    if not parts.scheme and not url.startswith("/"):
        return None  # a relative path such as "?page=2" stays where it is
    path = parts.path or "/"
    if path.startswith(NOT_JUDGED_PREFIXES):
        return None
    return host, path


def _labelled_cross_brand(demo, link, host):
    site = demo.hosts[host]
    if link.card_site is not None:
        return link.card_site.get("hostname") == host and link.card_site.get("name") == (
            site.site_name
        )
    return link.data_site == host and bool(site.site_name) and site.site_name in link.text


def _marked_fallback(demo, link):
    default = demo.default_language
    if link.card_locale is not None or link.card_site is not None or link.page_id is not None:
        return link.card_locale == default
    return link.lang == default and link.hreflang == default


def judge(demo, link, site, language):
    """Why ``link`` leaves the answer's scope (site, language), or None."""
    if link.page_id is not None:
        facts = demo.pages.get(link.page_id)
        if facts is None and link.page_id in demo.roots:
            return None  # the tree's root, e.g. a home page's meta.parent
        if facts is None:
            return f"card of page #{link.page_id}, which no site serves live"
        host, path, target_language = facts.host, facts.path, facts.language
    else:
        target = judged_target(demo, link.url, site.hostname)
        if target is None:
            return None
        host, path = target
        facts = demo.page_for_url(host, path)
        target_language = facts.language if facts else language_of_path(demo, path)
    reasons = []
    if host != site.hostname and not _labelled_cross_brand(demo, link, host):
        reasons.append(
            f"leads to another site ({demo.hosts[host].site_name}, {host}) without the "
            "cross-brand marker"
        )
    if target_language != language:
        if language == demo.default_language or target_language != demo.default_language:
            reasons.append(f"a {target_language} page or URL on a {language} answer")
        else:
            translation = demo.translation(facts, language) if facts else None
            if facts is None:
                reasons.append(f"a {target_language} URL on a {language} answer")
            elif translation is not None:
                reasons.append(
                    f"{target_language} page although its {language} translation is live "
                    f"({translation.path})"
                )
            elif not _marked_fallback(demo, link):
                reasons.append(
                    f"{target_language} fallback (no {language} translation) without the "
                    "fallback marker"
                )
    return "; ".join(reasons) or None


def both_languages(demo, targets):
    """Items shown in two languages in one answer: {translation key: {titles}}."""
    seen = {}
    for facts in targets:
        seen.setdefault(facts.translation_key, {})[facts.language] = facts
    return {
        key: sorted(f"{facts.title} [{lang}] {facts.path}" for lang, facts in by_language.items())
        for key, by_language in seen.items()
        if len(by_language) > 1
    }


def target_of(demo, link, answer_host):
    if link.page_id is not None:
        return demo.pages.get(link.page_id)
    target = judged_target(demo, link.url, answer_host)
    return demo.page_for_url(*target) if target else None


def answer_problems(demo, links, site, language):
    """Every leak of one answer, as (where, url, reason), and the items in two languages."""
    problems = []
    targets = []
    for link in links:
        if not isinstance(link, Link):
            continue
        reason = judge(demo, link, site, language)
        if reason:
            shown = link.url or f"page card #{link.page_id} «{link.text}»"
            problems.append((link.where, shown, reason))
        facts = target_of(demo, link, site.hostname)
        if facts is not None:
            targets.append(facts)
    for titles in both_languages(demo, targets).values():
        problems.append(("answer", " + ".join(titles), "one item shown in both languages"))
    return problems


def snippet_problems(links, language, default_language):
    """Translatable snippets (physicians, testimonials, calls to action) of another language."""
    problems = []
    for item in links:
        if isinstance(item, Link):
            continue
        _kind, where, model, pk, card_locale = item
        snippet = model.objects.filter(pk=pk).select_related("locale").first()
        if snippet is None:
            continue
        own = snippet.locale.language_code
        if own == language:
            continue
        has_translation = model.objects.filter(
            translation_key=snippet.translation_key, locale__language_code=language
        ).exists()
        if language == default_language or own != default_language:
            problems.append(
                (where, f"{model._meta.label} #{pk}", f"a {own} item on a {language} answer")
            )
        elif has_translation:
            problems.append(
                (
                    where,
                    f"{model._meta.label} #{pk}",
                    f"{own} item although its {language} translation exists",
                )
            )
        elif card_locale != default_language:
            problems.append(
                (where, f"{model._meta.label} #{pk}", f'{own} fallback without "locale": "{own}"')
            )
    return problems


def describe(facts, site, language, channel):
    return (
        f"{facts.title} ({facts.label} #{facts.id}, {facts.url}) "
        f"[site {site.site_name} / {site.hostname}, {language}, {channel}]"
    )
