"""The example partner site (examples/partner_site) against the CMS as a real server.

``cms_server`` builds a fresh SQLite database and media folder, loads the demo
content and starts ``manage.py runserver`` on a free loopback port, with the
settings ``cms.settings.e2e`` (the test settings, plus /media/ served by
WhiteNoise) and ``WAGTAILADMIN_BASE_URL`` set to that server's address, so
that the absolute page and image URLs in the API JSON point at it.

The partner site then runs as a separate process, ``python -S -m
examples.partner_site``: ``-S`` keeps site-packages off its path, so it can
use nothing but the standard library. It is run once through API v2 and once
through API v3.
"""

import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from examples.partner_site import render_procedure
from tests.live_server import BASE_DIR, running_cms

pytestmark = pytest.mark.live_server

PROCEDURE_PATH = "/procedures/lumbar-foraminotomy/"
LOCATION_PATH = "/locations/dallas-tx/"

# Upper bounds on waiting, never measurements: a slow machine only waits longer.
REQUEST_TIMEOUT = 30
LOG_TIMEOUT = 10

REQUEST_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})')
PILLOW_FORMATS = {"jpeg": "JPEG", "webp": "WEBP", "png": "PNG", "gif": "GIF"}


def _get(url):
    """(status, headers, body) of a GET, following redirects; errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def cms_server(tmp_path_factory):
    """The CMS with the demo content, served by a real server process on loopback."""
    with running_cms(tmp_path_factory.mktemp("partner-site-cms")) as cms:
        yield cms


def _run_partner_site(cms, out_dir, *args):
    # No Django settings, no site-packages: only the standard library and the package.
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-S", "-m", "examples.partner_site", "render", "--base-url", cms.base_url]
        + ["--out", str(out_dir), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _api_requests_since(cms, offset, expected_count):
    """The API requests the server logged after ``offset``, once ``expected_count`` are in.

    The development server logs a request just after answering it, so the last
    lines may arrive a moment after the client has its answer.
    """
    deadline = time.monotonic() + LOG_TIMEOUT
    while True:
        lines = cms.log_text()[offset:].splitlines()
        requests = [
            match.group("path")
            for match in map(REQUEST_LINE.search, lines)
            if match and match.group("path").startswith("/api/")
        ]
        if len(requests) >= expected_count or time.monotonic() > deadline:
            return requests
        time.sleep(0.1)


@dataclass(frozen=True)
class PartnerRun:
    api: str
    procedure_html: str
    location_html: str
    procedure_json: dict
    location_json: dict
    api_requests: list

    @property
    def procedure(self):
        return BeautifulSoup(self.procedure_html, "html.parser")

    @property
    def location(self):
        return BeautifulSoup(self.location_html, "html.parser")


def _page_json(cms, api, path):
    status, _headers, body = _get(
        cms.url(f"/api/{api}/pages/find/?{urlencode({'html_path': path})}")
    )
    assert status == 200, body[:500]
    return json.loads(body)


@pytest.fixture(scope="module", params=["v2", "v3"])
def partner_run(request, cms_server, tmp_path_factory):
    """The partner site's two HTML files for the demo procedure and location, read via one API."""
    api = request.param
    out_dir = tmp_path_factory.mktemp(f"partner-site-{api}")
    log_offset = len(cms_server.log_text())
    result = _run_partner_site(
        cms_server,
        out_dir,
        "--api",
        api,
        "--procedure",
        PROCEDURE_PATH,
        "--location",
        LOCATION_PATH,
    )
    assert result.returncode == 0, result.stderr
    # find + detail for each page, both answered before the process ended.
    api_requests = _api_requests_since(cms_server, log_offset, expected_count=4)
    return PartnerRun(
        api=api,
        procedure_html=(out_dir / "lumbar-foraminotomy.html").read_text(encoding="utf-8"),
        location_html=(out_dir / "dallas-tx.html").read_text(encoding="utf-8"),
        procedure_json=_page_json(cms_server, api, PROCEDURE_PATH),
        location_json=_page_json(cms_server, api, LOCATION_PATH),
        api_requests=api_requests,
    )


def _section(soup, heading_text):
    heading = soup.find(["h2", "h3"], string=heading_text)
    assert heading is not None, f"no heading {heading_text!r}"
    return heading.find_parent("section")


def _renditions(data):
    """Every image rendition anywhere in an API document, by URL."""
    found = {}
    if isinstance(data, dict):
        for rendition in data.get("renditions") or []:
            found[rendition["url"]] = rendition
        for value in data.values():
            found.update(_renditions(value))
    elif isinstance(data, list):
        for item in data:
            found.update(_renditions(item))
    return found


def _srcset(element):
    """The (url, width) candidates of an <img> or <source> srcset."""
    candidates = []
    for candidate in element.get("srcset", "").split(","):
        if candidate.strip():
            url, descriptor = candidate.split()
            candidates.append((url, int(descriptor.removesuffix("w"))))
    return candidates


def _image_candidates(soup):
    """(url, width descriptor or None) for every image address in a rendered page."""
    candidates = [(img["src"], None) for img in soup.find_all("img")]
    for element in soup.find_all(["img", "source"]):
        candidates.extend(_srcset(element))
    return candidates


# --- The procedure ----------------------------------------------------------------------


def test_procedure_page_has_title_introduction_and_five_benefits(partner_run):
    soup = partner_run.procedure
    assert soup.h1.get_text() == "Lumbar Foraminotomy"
    assert soup.title.get_text().startswith("Lumbar Foraminotomy")
    assert "A foraminotomy is a minimally invasive surgical procedure" in soup.get_text()

    benefits = _section(soup, "Benefits of Lumbar Foraminotomy")
    titles = [item.strong.get_text() for item in benefits.find_all("li")]
    assert titles == [
        "Relief",
        "Outpatient",
        "Lower Infection Rate",
        "Minimally invasive technique",
        "Best Outcomes",
    ]


def test_procedure_page_has_conditions_details_preparation_and_recovery(partner_run):
    soup = partner_run.procedure
    conditions = _section(soup, "What Lumbar Foraminotomy Treats")
    assert [card.h3.get_text() for card in conditions.find_all("li")] == [
        card["title"] for card in partner_run.procedure_json["conditions"]
    ]
    assert "Spinal Stenosis" in conditions.get_text()
    assert "small incision" in _section(soup, "Details of the Lumbar Foraminotomy").get_text()
    assert (
        "conservative methods" in _section(soup, "Preparing for the Lumbar Foraminotomy").get_text()
    )
    recovery = _section(soup, "Lumbar Foraminotomy Recovery")
    assert "Day of surgery" in recovery.get_text()
    assert "Medically reviewed by Daniel Okafor, MD, FAAOS" in soup.get_text()


def test_phone_call_to_action_is_a_tel_link_showing_the_number(partner_run):
    links = partner_run.procedure.select('a[href="tel:+18774742225"]')
    assert [link.get_text(strip=True) for link in links] == ["(877) 474-2225"]
    cta = links[0].find_parent("section")
    assert cta.h2.get_text() == "We love your questions!"
    # The other calls to action link to pages of the CMS's own site (its lead forms).
    assert partner_run.procedure.find("a", string="Request my info kit")["href"].endswith(
        "/free-info-kit/"
    )


def test_testimonial_is_shown_with_its_disclosure(partner_run):
    names = partner_run.procedure.find_all(class_="testimonial__name", string="Larry L.")
    assert len(names) == 1
    testimonial = names[0].find_parent("li")
    assert "addicted to the pain killers" in testimonial.get_text()
    disclosure = testimonial.find(class_="disclosure").get_text(strip=True)
    assert disclosure.startswith("Individual results vary.")
    body = partner_run.procedure_json["body"]
    (block,) = [block for block in body if block["type"] == "testimonials"]
    assert disclosure == block["value"]["testimonials"][0]["disclosure"]


def test_hero_image_is_a_responsive_picture_of_the_renditions(partner_run):
    hero = partner_run.procedure_json["hero"]
    picture = partner_run.procedure.find("picture", class_="hero")
    img = picture.img
    assert img["alt"] == hero["alt"]
    by_format = {
        image_format: [
            (r["url"], r["width"]) for r in hero["renditions"] if r["format"] == image_format
        ]
        for image_format in ("jpeg", "webp")
    }
    assert _srcset(img) == sorted(by_format["jpeg"], key=lambda candidate: candidate[1])
    assert img["src"] in dict(by_format["jpeg"])
    assert picture.source["type"] == "image/webp"
    assert _srcset(picture.source) == sorted(by_format["webp"], key=lambda candidate: candidate[1])


# Both API versions give the same renditions; checking the files once is enough.
@pytest.mark.parametrize("partner_run", ["v2"], indirect=True)
def test_image_urls_answer_with_the_size_the_json_states(partner_run):
    renditions = _renditions(partner_run.procedure_json)
    candidates = _image_candidates(partner_run.procedure)
    assert candidates, "the procedure page shows no image"
    for url, descriptor in candidates:
        assert url in renditions, f"{url} is not a rendition in the API JSON"
        rendition = renditions[url]
        if descriptor is not None:
            assert descriptor == rendition["width"]
        status, headers, body = _get(url)
        assert status == 200, url
        assert headers["Content-Type"] == f"image/{rendition['format']}"
        with Image.open(io.BytesIO(body)) as image:
            assert image.size == (rendition["width"], rendition["height"]), url
            assert image.format == PILLOW_FORMATS[rendition["format"]]


# --- The location -----------------------------------------------------------------------


def test_location_page_has_address_phones_and_hours(partner_run):
    soup = partner_run.location
    assert soup.h1.get_text() == "Dallas, Texas"
    contact = _section(soup, "Address and phone")
    address = contact.address.get_text(" ", strip=True)
    assert address == "4150 Cedar Springs Parkway, Suite 300 Dallas, TX 75219"
    phones = {link["href"]: link.get_text() for link in contact.select('a[href^="tel:"]')}
    assert phones == {"tel:+12145550100": "(214) 555-0100", "tel:+12145550199": "(214) 555-0199"}

    rows = _section(soup, "Opening hours").tbody.find_all("tr")
    hours = {row.th.get_text(): row.td.get_text(" ", strip=True) for row in rows}
    assert hours["Monday"] == "7:00 AM to 5:00 PM"
    assert hours["Friday"] == "7:00 AM to 3:30 PM"
    assert hours["Saturday"] == hours["Sunday"] == "Closed"


def test_location_page_lists_services_and_physicians(partner_run):
    soup = partner_run.location
    services = _section(soup, "Procedures offered here")
    offered = [card.h3.get_text() for card in services.find_all("li")]
    assert offered == [card["title"] for card in partner_run.location_json["procedures_offered"]]
    assert "Lumbar Foraminotomy" in offered

    physicians = _section(soup, "Our physicians")
    names = [card.h3.get_text() for card in physicians.find_all("li")]
    assert names == ["Daniel Okafor, MD, FAAOS", "Michael Hargrove, MD"]
    assert all(card.img and card.img["src"].startswith("http") for card in physicians("li"))


# --- How the partner site uses the CMS ------------------------------------------------------


def test_partner_site_reads_each_page_with_one_find_and_its_redirect(partner_run):
    api = partner_run.api
    procedure_id = partner_run.procedure_json["id"]
    location_id = partner_run.location_json["id"]
    assert partner_run.api_requests == [
        f"/api/{api}/pages/find/?{urlencode({'html_path': PROCEDURE_PATH})}",
        f"/api/{api}/pages/{procedure_id}/",
        f"/api/{api}/pages/find/?{urlencode({'html_path': LOCATION_PATH})}",
        f"/api/{api}/pages/{location_id}/",
    ]


def test_missing_page_is_reported_and_nothing_is_written(cms_server, tmp_path):
    result = _run_partner_site(cms_server, tmp_path, "--procedure", "/procedures/no-such-page/")
    assert result.returncode == 1
    assert "404" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_page_of_another_type_is_refused(cms_server, tmp_path):
    result = _run_partner_site(cms_server, tmp_path, "--procedure", LOCATION_PATH)
    assert result.returncode == 1
    assert "not a procedures.ProcedurePage" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_plain_text_is_escaped_and_rich_text_kept(cms_server):
    """Text that looks like markup shows as text; unsafe link targets are dropped."""
    page = _page_json(cms_server, "v2", PROCEDURE_PATH)
    page["title"] = "Foraminotomy <script>alert(1)</script> & more"
    for block in page["body"]:
        if block["type"] == "benefits":
            block["value"]["items"][0]["title"] = '<img src=x onerror="alert(1)">'
        if block["type"] == "testimonials":
            block["value"]["testimonials"][0]["display_name"] = "Larry <b>L.</b>"
        if block["type"] == "call_to_action" and block["value"]["kind"] == "page":
            block["value"].update(kind="url", url="javascript:alert(1)", label="Click")

    soup = BeautifulSoup(render_procedure(page), "html.parser")

    assert soup.h1.get_text() == "Foraminotomy <script>alert(1)</script> & more"
    assert soup.find("script") is None
    assert soup.find("img", src="x") is None
    assert soup.find(class_="benefit__title").get_text() == '<img src=x onerror="alert(1)">'
    assert soup.find(class_="testimonial__name").get_text() == "Larry <b>L.</b>"
    assert not soup.select('a[href^="javascript:"]')
    assert soup.find("a", string="Click") is None
    # Rich text is the CMS's display HTML: its paragraphs stay paragraphs.
    assert soup.find("p", string=re.compile("^A foraminotomy is a minimally invasive"))
