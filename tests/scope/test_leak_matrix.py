"""Leak matrix (issue #15): no answer links outside its site and language.

Generated, not hand-listed: one test per page type (``get_page_models()``) and
channel; inside, every live page of that type on every site and in every
language, with the failures of all of them in one message. Each line names the
page, its site, its language and the channel, where the link is and why it
leaves the answer's scope. The rules and the markers (cross-brand
``data-site``/``"site"``, fallback ``lang``+``hreflang``/``"locale"``) are
defined in tests/scope/helpers.py.
"""

import pytest

from tests.scope.helpers import (
    CHANNELS,
    PAGE_TYPE_LABELS,
    answer_problems,
    channel_url,
    demo_facts,
    describe,
    fetch,
    html_links,
    json_links,
    pages_of_type,
    sitemap_entries,
    snippet_problems,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def page_answer_problems(demo, facts, channel):
    site = demo.sites[facts.site_id]
    language = facts.language
    url = channel_url(channel, facts, None if language == demo.default_language else f"/{language}")
    answer = fetch(facts.host, url)
    if answer.status != 200:
        return [("answer", url, f"HTTP {answer.status} on the page's own site")]
    if channel in ("html", "search"):
        links = list(html_links(answer.content))
        return answer_problems(demo, links, site, language)
    links = list(json_links(answer.json()))
    return answer_problems(demo, links, site, language) + snippet_problems(
        links, language, demo.default_language
    )


def sitemap_problems(demo, label):
    """Each site's sitemap: its entries of this type are on its host, in their own language."""
    failures = []
    for site in demo.sites.values():
        answer = fetch(site.hostname, "/sitemap.xml")
        where = f"[site {site.site_name} / {site.hostname}, sitemap]"
        if answer.status != 200:
            failures.append(f"{where}: HTTP {answer.status}")
            continue
        listed = set()
        for loc, alternates in sitemap_entries(answer.content):
            facts = demo.by_url_of(loc)
            if facts is None or facts.label != label:
                continue
            listed.add(facts.id)
            if facts.site_id != site.pk:
                failures.append(f"{where}: <loc> {loc} is a page of {facts.host}, another site")
            for hreflang, href in alternates:
                target = demo.by_url_of(href)
                if target is None or target.site_id != site.pk:
                    failures.append(
                        f"{where}: {loc} has the alternate {href} ({hreflang}), not a page of "
                        "this site"
                    )
                elif target.language != hreflang:
                    failures.append(
                        f"{where}: {loc} has the alternate {href} labelled {hreflang}, "
                        f"but that page is {target.language}"
                    )
        own = [f for f in demo.pages_of(label) if f.site_id == site.pk]
        failures.extend(
            f"{where}: {f.title} [{f.language}] {f.url} is missing from its site's sitemap"
            for f in own
            if f.id not in listed
        )
    return failures


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("page_type", PAGE_TYPE_LABELS)
def test_every_link_stays_in_the_answers_site_and_language(page_type, channel):
    demo, pages = pages_of_type(demo_facts(), page_type)
    if channel == "sitemap":
        failures = sitemap_problems(demo, page_type)
    else:
        failures = []
        for facts in sorted(pages, key=lambda f: (f.host, f.language, f.path)):
            site = demo.sites[facts.site_id]
            problems = page_answer_problems(demo, facts, channel)
            if problems:
                failures.append(
                    describe(facts, site, facts.language, channel)
                    + "".join(
                        f"\n    {url}  at {where}\n      -> {reason}"
                        for where, url, reason in problems
                    )
                )
    covered = sorted({(demo.sites[f.site_id].hostname, f.language) for f in pages})
    assert not failures, (
        f"{len(failures)} answer(s) leak for {page_type} on {channel} "
        f"(covered site/language: {covered}):\n" + "\n".join(failures)
    )
