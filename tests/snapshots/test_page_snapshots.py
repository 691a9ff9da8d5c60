"""Snapshots of what visitors and partners see of every live demo page.

For each live page of the demo content (every page type, locale and site the
demo holds) the snapshot holds three channels:

- ``html_text``: the visible text of the rendered page,
- ``api_v2``: the API v2 detail JSON (``/api/v2/pages/<id>/``),
- ``api_v3``: the API v3 detail JSON (``/api/v3/pages/<id>/``),

each asked for on the page's own site (its hostname as the Host header). Entries
are keyed by site hostname, url_path and locale, never by database id, and
everything that differs between two loads of the demo content (ids,
timestamps, dates relative to today, block UUIDs, file-name suffixes) is
replaced by a placeholder, so that two runs on fresh databases agree.

The test reaches the project only through stable public entry points (the
``load_demo_content`` command and HTTP through the Django test client), so it
survives any move of the code behind them. ``UPDATE_SNAPSHOTS=1`` rewrites
``pages.json`` instead of comparing with it.
"""

import datetime
import difflib
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models

from tests.helpers import visible_text

pytestmark = pytest.mark.demo_content

SNAPSHOT_PATH = Path(__file__).with_name("pages.json")
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
CHANNELS = ("html_text", "api_v2", "api_v3")

ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$")
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
API_OBJECT_URL = re.compile(r"/api/(v2|v3)/([a-z0-9_-]+)/(\d+)/")
MEDIA_PATH = re.compile(r"/media/[^\s\"'?#,]+")
# Django's storage adds "_" and 7 random characters to a file name already taken
# (a rendition made again after an earlier test's rows were rolled back, or an
# original stored twice in a reused MEDIA_ROOT; renditions inherit its name).
STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(?=\.)")
# Wagtail puts a hash of the focal point in the names of cropped renditions.
RENDITION_HASH = re.compile(r"\.[0-9a-f]{8}(?=\.)")
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
# "Oct. 20, 2026", "October 20, 2026" (Django's English DATE_FORMAT is "N j, Y").
EN_SHORT_MONTHS = {
    "Jan.": 1,
    "Feb.": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "Aug.": 8,
    "Sept.": 9,
    "Oct.": 10,
    "Nov.": 11,
    "Dec.": 12,
}
EN_MONTH_NAMES = {name: number for number, name in enumerate(MONTHS["en"], start=1)}
EN_DATE = re.compile(
    r"\b(?P<month>"
    + "|".join(re.escape(m) for m in sorted({*EN_SHORT_MONTHS, *EN_MONTH_NAMES}, key=len)[::-1])
    + r")\s(?P<day>\d{1,2}),\s(?P<year>\d{4})\b"
)
# "20 de octubre de 2026" (Spanish DATE_FORMAT is "j \d\e F \d\e Y").
ES_DATE = re.compile(
    r"\b(?P<day>\d{1,2}) de (?P<month>" + "|".join(MONTHS["es"]) + r") de (?P<year>\d{4})\b",
    re.IGNORECASE,
)


# --- Identity -------------------------------------------------------------------


def site_of(page):
    return page.get_site()


def entry_key(page, site):
    """Site hostname + url_path + locale: the same page under any database id."""
    hostname = site.hostname if site else "<no site>"
    return f"{hostname} {page.url_path} [{page.locale.language_code}]"


# --- Normalisation --------------------------------------------------------------


class Normaliser:
    """Replaces what a fresh load of the demo content may change by placeholders."""

    def __init__(self, page_keys, image_names, page_labels):
        self.page_keys = page_keys  # pk -> entry key
        self.image_names = image_names  # pk -> image title
        self.page_labels = page_labels  # "app_label.ModelName" of every page model
        self.page_urls = {}  # absolute url -> pk
        self.today = timezone.localdate()

    def page_ref(self, pk):
        return f"<page {self.page_keys[pk]}>" if pk in self.page_keys else "<page ?>"

    def image_ref(self, pk):
        return f"<image {self.image_names[pk]}>" if pk in self.image_names else "<image ?>"

    def relative_date(self, value):
        """A date as days from today: the demo dates its medical reviews relative to today."""
        offset = (value - self.today).days
        return f"<today{offset:+d}d>"

    # Strings

    def string(self, value):
        if ISO_DATETIME.match(value):
            return "<datetime>"
        if ISO_DATE.match(value):
            return self.relative_date(datetime.date.fromisoformat(value))
        value = UUID.sub("<uuid>", value)
        value = API_OBJECT_URL.sub(self._api_url, value)
        value = MEDIA_PATH.sub(self._media_path, value)
        return value

    @staticmethod
    def _media_path(match):
        path = STORAGE_SUFFIX.sub("", match.group(0))
        return RENDITION_HASH.sub(".<hash>", path)

    def _api_url(self, match):
        version, resource, pk = match.group(1), match.group(2), int(match.group(3))
        if resource == "pages":
            ref = self.page_ref(pk)
        elif resource == "images":
            ref = self.image_ref(pk)
        else:
            ref = "<id>"
        return f"/api/{version}/{resource}/{ref}/"

    def text(self, value):
        value = CSRF_TOKEN.sub("<token>", value)
        value = EN_DATE.sub(self._en_date, value)
        value = ES_DATE.sub(self._es_date, value)
        return self.string(value)

    def _en_date(self, match):
        name = match.group("month")
        month = EN_SHORT_MONTHS.get(name) or EN_MONTH_NAMES[name]
        return self._formatted_date(match, month)

    def _es_date(self, match):
        month = MONTHS["es"].index(match.group("month").lower()) + 1
        return self._formatted_date(match, month)

    def _formatted_date(self, match, month):
        try:
            value = datetime.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return match.group(0)
        return self.relative_date(value)

    # JSON

    def json(self, value):
        if isinstance(value, dict):
            return self._object(value)
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, str):
            return self.string(value)
        return value

    def _object(self, value):
        result = {}
        for key, item in value.items():
            if key == "id" and isinstance(item, int) and not isinstance(item, bool):
                result[key] = self._id(value, item)
            else:
                result[key] = self.json(item)
        return result

    def _id(self, obj, pk):
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        kind = meta.get("type") or obj.get("type")
        if kind in self.page_labels:
            return self.page_ref(pk)
        if kind == "wagtailimages.Image" or "renditions" in obj or "download_url" in meta:
            return self.image_ref(pk)
        for url_key in ("url", "html_url", "page_url"):
            url = obj.get(url_key) or meta.get(url_key)
            if isinstance(url, str) and self.page_urls.get(url) == pk:
                return self.page_ref(pk)
        return "<id>"


# --- Capture --------------------------------------------------------------------


def capture(client, page, host, normaliser):
    entry = {"type": page.specific_class._meta.label}
    response = client.get(page.get_url(), headers={"host": host})
    entry["html_status"] = response.status_code
    entry["html_text"] = normaliser.text(visible_text(response.content))
    for channel, version in (("api_v2", "v2"), ("api_v3", "v3")):
        response = client.get(f"/api/{version}/pages/{page.pk}/", headers={"host": host})
        entry[f"{channel}_status"] = response.status_code
        entry[channel] = normaliser.json(response.json())
    return entry


def capture_all():
    sites = {site.pk: site for site in Site.objects.all()}
    pages = list(Page.objects.live().exclude(depth=1).specific().order_by("path"))
    page_sites = {}
    page_keys = {}
    for page in pages:
        site = site_of(page)
        page_sites[page.pk] = sites.get(site.pk) if site else None
        page_keys[page.pk] = entry_key(page, site)
    assert len(set(page_keys.values())) == len(pages), "two live pages share an identity"
    # The tree's root is the parent that API v3 names for each site's home page.
    for root in Page.objects.filter(depth=1):
        page_keys[root.pk] = f"tree root {root.url_path}"

    image_names = {image.pk: image.title for image in get_image_model().objects.all()}
    page_labels = {model._meta.label for model in get_page_models()}
    normaliser = Normaliser(page_keys, image_names, page_labels)
    for page in pages:
        normaliser.page_urls[page.get_full_url()] = page.pk

    client = Client()
    snapshot = {}
    for page in pages:
        host = urlsplit(page.get_full_url()).netloc
        snapshot[page_keys[page.pk]] = capture(client, page, host, normaliser)
    return dict(sorted(snapshot.items()))


# --- Comparison -----------------------------------------------------------------


def dumps(value):
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def channel_lines(value):
    if isinstance(value, str):
        # One sentence-ish chunk a line, so that a diff of the text stays readable.
        return [line + "\n" for line in re.split(r"(?<=[.!?:]) ", value)]
    return dumps(value).splitlines(keepends=True)


def describe_differences(expected, actual):
    problems = []
    for key in sorted(expected.keys() - actual.keys()):
        problems.append(f"page no longer live or found: {key}")
    for key in sorted(actual.keys() - expected.keys()):
        problems.append(f"page not in the snapshot: {key}")
    for key in sorted(expected.keys() & actual.keys()):
        for field in sorted(expected[key].keys() | actual[key].keys()):
            before, after = expected[key].get(field), actual[key].get(field)
            if before == after:
                continue
            diff = difflib.unified_diff(
                channel_lines(before),
                channel_lines(after),
                fromfile=f"snapshot: {key} :: {field}",
                tofile=f"now: {key} :: {field}",
            )
            problems.append("".join(diff))
    return problems


class TestPageSnapshots(TestCase):
    """The demo content loads once for the class and is rolled back after it."""

    @classmethod
    def setUpTestData(cls):
        # Idempotent: a suite that already loaded the demo content gets nothing new.
        call_command("load_demo_content", verbosity=0, stdout=io.StringIO())

    def test_every_live_page_matches_its_snapshot(self):
        actual = capture_all()
        assert len(actual) >= 15, "the demo content should have loaded"
        if UPDATE:
            SNAPSHOT_PATH.write_text(dumps(actual), encoding="utf-8")
            pytest.skip(f"UPDATE_SNAPSHOTS=1: wrote {len(actual)} pages to {SNAPSHOT_PATH}")
        if not SNAPSHOT_PATH.exists():
            pytest.fail(f"No snapshot at {SNAPSHOT_PATH}; run with UPDATE_SNAPSHOTS=1.")
        expected = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
        problems = describe_differences(expected, actual)
        if problems:
            pytest.fail(
                f"{len(problems)} difference(s) from {SNAPSHOT_PATH.name} "
                "(UPDATE_SNAPSHOTS=1 rewrites it if they are intended):\n\n" + "\n".join(problems),
                pytrace=False,
            )

    # The snapshot's scope is the demo content: a page type the demo lacks (a new
    # one, or the test suite's own) is covered by the tests of every page type,
    # which take them from get_page_models().
    def test_every_demo_page_type_locale_and_site_is_covered(self):
        live = Page.objects.live().exclude(depth=1).specific()
        seen = {(type(p)._meta.label, p.locale.language_code, site_of(p).pk) for p in live}
        snapshot = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
        covered = {
            (entry["type"], key.rsplit("[", 1)[1].rstrip("]")) for key, entry in snapshot.items()
        }
        assert {(label, locale) for label, locale, _ in seen} <= covered
        hostnames = {key.split(" ", 1)[0] for key in snapshot}
        assert {site.hostname for site in Site.objects.all()} <= hostnames
