"""Channel parity (issue #15): a page shows the same related items on the site and in both APIs.

Generated over every page type (``get_page_models()``) and both APIs; inside,
every live page of the type on every site and in every language. Related items:

- pages (procedures, conditions, locations, lead forms behind calls to action),
  by page id: in HTML the links inside ``<main>`` (without the site-wide calls
  to action ``.site-ctas`` of the site settings and ``.page-hero__actions``, the page itself and its
  children, which an index lists and the APIs give through ``?child_of=``),
  resolved to the page they name on their host; in JSON the page cards and the
  URLs that name a page, outside ``meta``, ``breadcrumbs``, ``translations``,
  ``page_url``, ``seo``, ``schema_org`` and the stored references (helpers.SKIPPED_JSON_KEYS);
- physicians by name (HTML ``.card--physician .card__title``; JSON cards with
  ``name`` and ``npi``), testimonials by display name (HTML
  ``.testimonial__name``; JSON cards with ``display_name`` and ``disclosure``),
  calls to action by heading (HTML ``.cta__heading`` in ``<main>`` outside
  ``.site-ctas``; JSON cards with ``kind``, ``heading`` and ``label``).
  The medical reviewer (``medical_reviewer``, ``reviewer``, ``medical_review``) is a
  sentence in HTML, not a card, and is left out.

A type whose pages show no related item on any channel is skipped, named.
"""

import pytest
from bs4 import BeautifulSoup

from tests.scope.helpers import (
    PAGE_TYPE_LABELS,
    SKIPPED_JSON_KEYS,
    channel_url,
    demo_facts,
    describe,
    fetch,
    judged_target,
    pages_of_type,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

JSON_KEYS_NOT_RELATED = {
    "meta",
    "breadcrumbs",
    "translations",
    "page_url",
    "seo",
    "alias_of",
    # "Medically reviewed by …" is a sentence in HTML, not a card.
    "medical_reviewer",
    "reviewer",
    "medical_review",
}


def html_items(demo, facts, content):
    soup = BeautifulSoup(content, "html.parser")
    main = soup.find("main")
    # The site settings' calls to action, and the page hero's free review and 24/7 phone,
    # are the site's own on every page, not the page's related items.
    for site_wide in main.select(".site-ctas, .page-hero__actions"):
        site_wide.decompose()
    pages = set()
    for link in main.select("a[href]"):
        target = judged_target(demo, link["href"], facts.host)
        page = demo.page_for_url(*target) if target else None
        if page is not None and page.id != facts.id and page.parent_id != facts.id:
            pages.add(page.id)
    physicians = set()
    for title in main.select(".card--physician .card__title"):
        credentials = title.select_one(".card__credentials")
        if credentials:
            credentials.decompose()
        physicians.add(title.get_text(" ", strip=True))
    return {
        "pages": pages,
        "physicians": physicians,
        "testimonials": {n.get_text(" ", strip=True) for n in main.select(".testimonial__name")},
        "calls to action": {h.get_text(" ", strip=True) for h in main.select(".cta__heading")},
    }


def json_items(demo, facts, data):
    items = {"pages": set(), "physicians": set(), "testimonials": set(), "calls to action": set()}

    def walk(node, top=False):
        if isinstance(node, dict):
            keys = node.keys()
            if {"id", "name", "npi"} <= keys:
                items["physicians"].add(node["name"])
            if {"id", "display_name", "disclosure"} <= keys:
                items["testimonials"].add(node["display_name"])
            if {"id", "kind", "heading", "label"} <= keys:
                items["calls to action"].add(node["heading"])
            label = node.get("type") or (node.get("meta") or {}).get("type")
            if "id" in node and isinstance(label, str) and demo.pages.get(node["id"]):
                page = demo.pages[node["id"]]
                if page.label == label and page.id != facts.id and page.parent_id != facts.id:
                    items["pages"].add(page.id)
            for key, value in node.items():
                if top and key in JSON_KEYS_NOT_RELATED:
                    continue
                if key in SKIPPED_JSON_KEYS:
                    continue
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            target = judged_target(demo, node, facts.host)
            page = demo.page_for_url(*target) if target else None
            if page is not None and page.id != facts.id and page.parent_id != facts.id:
                items["pages"].add(page.id)

    walk(data, top=True)
    return items


def named(demo, kind, values):
    if kind == "pages":
        return sorted(
            f"{demo.pages[i].title} [{demo.pages[i].language}] {demo.pages[i].url}" for i in values
        )
    return sorted(values)


@pytest.mark.parametrize("api", ["api_v2", "api_v3"])
@pytest.mark.parametrize("page_type", PAGE_TYPE_LABELS)
def test_html_and_json_show_the_same_related_items(page_type, api):
    demo, pages = pages_of_type(demo_facts(), page_type)
    failures = []
    anything_related = False
    for facts in sorted(pages, key=lambda f: (f.host, f.language, f.path)):
        site = demo.sites[facts.site_id]
        html_answer = fetch(facts.host, channel_url("html", facts))
        json_answer = fetch(facts.host, channel_url(api, facts))
        if html_answer.status != 200 or json_answer.status != 200:
            failures.append(
                f"{describe(facts, site, facts.language, api)}: HTTP {html_answer.status} "
                f"(html) / {json_answer.status} ({api})"
            )
            continue
        html = html_items(demo, facts, html_answer.content)
        json = json_items(demo, facts, json_answer.json())
        anything_related |= any(html.values()) or any(json.values())
        lines = []
        for kind in html:
            if html[kind] != json[kind]:
                only_html = named(demo, kind, html[kind] - json[kind])
                only_json = named(demo, kind, json[kind] - html[kind])
                lines.append(f"    {kind}: only in HTML {only_html}; only in {api} {only_json}")
        if lines:
            failures.append(describe(facts, site, facts.language, api) + "\n" + "\n".join(lines))
    if not anything_related and not failures:
        pytest.skip(f"{page_type}: no page of this type shows a related item on any channel")
    assert not failures, (
        f"{len(failures)} page(s) of {page_type} differ between HTML and {api}:\n"
        + "\n".join(failures)
    )
