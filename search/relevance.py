"""The checked-in patient query set (relevance_queries.json) and its top-3 hit rate."""

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Locale, Page

from search.engine import site_search

QUERY_SET = Path(__file__).with_name("relevance_queries.json")
TOP_N = 3


@dataclass
class QueryOutcome:
    query: str
    locale: str
    expected: list
    top: list
    seconds: float

    @property
    def hit(self):
        return all(title in self.top for title in self.expected)


@dataclass
class RelevanceReport:
    outcomes: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    @property
    def hit_rate(self):
        return sum(o.hit for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def misses(self):
        return [o for o in self.outcomes if not o.hit]


def load_queries():
    return json.loads(QUERY_SET.read_text(encoding="utf-8"))["queries"]


def expected_titles(titles, locale):
    """The titles, in ``locale``, of the pages the English titles name (others as they are)."""
    if locale.language_code == "en":
        return titles
    translated = []
    for title in titles:
        page = Page.objects.filter(title=title, locale__language_code="en").first()
        translation = page and page.get_translation_or_none(locale)
        translated.append(translation.title if translation else title)
    return translated


def locale_with_content(code):
    locale = Locale.objects.filter(language_code=code).first()
    if locale and Page.objects.live().filter(locale=locale, depth__gt=2).exists():
        return locale
    return None


def evaluate():
    """Run every query of the set; queries of a locale without content are skipped."""
    report = RelevanceReport()
    for item in load_queries():
        code = item.get("locale", "en")
        locale = locale_with_content(code)
        if locale is None:
            report.skipped.append(item["query"])
            continue
        started = time.perf_counter()
        hits = site_search(item["query"], locale=locale).hits
        seconds = time.perf_counter() - started
        report.outcomes.append(
            QueryOutcome(
                query=item["query"],
                locale=code,
                expected=expected_titles(item["expected"], locale),
                top=[hit.title for hit in hits[:TOP_N]],
                seconds=seconds,
            )
        )
    return report
