"""The example partner site (examples/partner_site) as a keyed partner of a live CMS.

The CMS runs as a real server process (tests/live_server.py) with a partner made
for the example: a key, a preview key, a preview URL and a webhook endpoint
pointing at the example's own server, which runs as a separate process
(``python -S``: the standard library alone). Changes are made in the CMS's
database by ``manage.py shell`` (tests/api/partner_site_cms.py), so each one
records its change event and sends its webhook through the CMS's own code.

The example syncs only when a webhook arrives (``--poll 0``), so a page that
changes on disk proves the webhook and the sync together. Waits are polls with
generous upper bounds, never measurements.
"""

import datetime
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.live_server import BASE_DIR, free_port, manage, running_cms
from webhooks import signing

pytestmark = pytest.mark.live_server

# Upper bounds on waiting, never measurements: a slow machine only waits longer.
WAIT_SECONDS = 60
REQUEST_TIMEOUT = 30
PROCEDURE = "procedures/lumbar-foraminotomy/index.html"


@dataclass(frozen=True)
class PartnerSite:
    cms: object
    url: str
    out: Path
    log_path: Path
    secrets: dict
    process: subprocess.Popen

    def page(self, relative):
        return self.out / relative

    def log_text(self):
        return self.log_path.read_text(errors="replace")


def in_cms(cms, call):
    """Run ``call`` of tests/api/partner_site_cms.py on the live CMS's database; its JSON."""
    code = f"from tests.api.partner_site_cms import *; {call}"
    result = manage(cms.env, "shell", "-v0", "-c", code)
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_partner_site(cms, root, port, secrets, *extra):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "FORAMEN_PARTNER_KEY": secrets["key"],
        "FORAMEN_PREVIEW_KEY": secrets["preview_key"],
        "FORAMEN_WEBHOOK_SECRET": secrets["webhook_secret"],
    }
    log_path = root / "partner-site.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-S", "-m", "examples.partner_site", "serve"]
            + ["--base-url", cms.base_url, "--port", str(port), "--poll", "0"]
            + ["--store", str(root / "store"), "--out", str(root / "out"), *extra],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return PartnerSite(cms, f"http://127.0.0.1:{port}", root / "out", log_path, secrets, process)


def wait_for(site, condition, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if site.process.poll() is not None:
            pytest.fail(f"The partner site exited ({site.process.returncode}):\n{site.log_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up waiting for {what}.\nPartner site:\n{site.log_text()[-3000:]}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def partner_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("partner-site-live")
    port = free_port()
    with running_cms(root / "cms") as cms:
        secrets = in_cms(
            cms,
            f"set_up_partner('http://127.0.0.1:{port}/webhooks/foramen',"
            f" 'http://127.0.0.1:{port}/preview/?token={{token}}')",
        )
        site = start_partner_site(cms, root, port, secrets)
        try:
            # The first sync (from the start) runs when the site starts.
            wait_for(site, lambda: site.page(PROCEDURE).exists(), "the first sync")
            yield site
        finally:
            site.process.terminate()
            site.process.wait(timeout=10)


def heading(path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.h1.get_text(strip=True)


def request(url, body=None, headers=None):
    """(status, headers, body) of a GET (or a POST of ``body``); errors are answers too."""
    req = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_first_sync_renders_the_procedures_and_locations_the_key_reads(partner_site):
    rendered = sorted(
        str(path.relative_to(partner_site.out)) for path in partner_site.out.rglob("*.html")
    )
    assert PROCEDURE in rendered
    assert "locations/dallas-tx/index.html" in rendered
    # Only the page types the example renders, each at its address in the CMS.
    assert {path.split("/")[0] for path in rendered} <= {"procedures", "locations", "es"}
    assert heading(partner_site.page(PROCEDURE)) == "Lumbar Foraminotomy"


def test_a_publish_reaches_the_rendered_page_through_webhook_and_sync(partner_site):
    in_cms(
        partner_site.cms,
        "publish_title('procedures/lumbar-foraminotomy/', 'Lumbar Foraminotomy, revised')",
    )

    page = partner_site.page(PROCEDURE)
    wait_for(
        partner_site,
        lambda: "Lumbar Foraminotomy, revised" in page.read_text(encoding="utf-8"),
        "the republished title",
    )
    assert heading(page) == "Lumbar Foraminotomy, revised"
    assert "webhook msg_" in partner_site.log_text()


def test_an_unpublished_page_disappears(partner_site):
    page = partner_site.page("procedures/spinal-cord-stimulation/index.html")
    assert page.exists()

    in_cms(partner_site.cms, "unpublish('procedures/spinal-cord-stimulation/')")

    wait_for(partner_site, lambda: not page.exists(), "the unpublished page to be removed")
    assert not page.parent.exists()
    assert partner_site.page(PROCEDURE).exists()


def signed(secret, body, webhook_id="msg_test", sent_at=None):
    sent_at = sent_at or datetime.datetime.now(tz=datetime.UTC)
    return signing.signed_headers([secret], webhook_id, sent_at, body) | {
        "Content-Type": "application/json"
    }


def test_a_webhook_that_does_not_verify_is_refused(partner_site):
    webhook_url = f"{partner_site.url}/webhooks/foramen"
    secret = partner_site.secrets["webhook_secret"]
    body = b'{"type":"published","timestamp":"2026-12-07T04:00:00+00:00","data":{"id":1}}'
    tampered = body.replace(b'"id":1', b'"id":2')
    an_hour_ago = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=1)

    refusals = {
        "tampered body": (tampered, signed(secret, body)),
        "another secret": (body, signed(signing.new_secret(), body)),
        "stale timestamp": (body, signed(secret, body, sent_at=an_hour_ago)),
        "no signature": (body, {"Content-Type": "application/json"}),
    }
    for name, (sent, headers) in refusals.items():
        status, _headers, answer = request(webhook_url, sent, headers)
        assert status == 401, name
        assert json.loads(answer)["message"].startswith("Refused"), name

    status, _headers, _answer = request(webhook_url, body, signed(secret, body))
    assert status == 204


def test_a_draft_preview_renders_the_draft_and_is_never_kept(partner_site):
    link = in_cms(
        partner_site.cms,
        "draft_preview_link('locations/dallas-tx/', 'Dallas, TX (draft for review)')",
    )["link"]
    assert link.startswith(f"{partner_site.url}/preview/?token=")

    status, headers, body = request(link)

    assert status == 200, body[:500]
    soup = BeautifulSoup(body, "html.parser")
    assert soup.h1.get_text(strip=True) == "Dallas, TX (draft for review)"
    assert "no-store" in headers["Cache-Control"]
    assert headers["X-Robots-Tag"] == "noindex"
    # The draft is not published: the page as synced keeps its live title.
    assert heading(partner_site.page("locations/dallas-tx/index.html")) != (
        "Dallas, TX (draft for review)"
    )


def test_a_preview_without_a_valid_token_shows_nothing(partner_site):
    for url, expected in [
        (f"{partner_site.url}/preview/", 400),
        (f"{partner_site.url}/preview/?token=not-a-token", 400),
    ]:
        status, headers, body = request(url)
        assert status == expected, body[:300]
        assert "no-store" in headers["Cache-Control"]


def test_sync_starts_again_from_the_beginning_when_the_cursor_has_expired(partner_site, tmp_path):
    """A cursor older than the changes kept (410): the copy is rebuilt, and a page the
    new start lacks is removed."""
    expired = in_cms(partner_site.cms, "expired_cursor()")["cursor"]
    store, out = tmp_path / "store", tmp_path / "out"
    store.mkdir()
    gone = {
        "id": 999_999,
        "meta": {
            "type": "procedures.ProcedurePage",
            "html_url": f"{partner_site.cms.base_url}/procedures/gone/",
        },
        "title": "Gone",
    }
    (store / "pages.json").write_text(json.dumps({"cursor": expired, "pages": {"999999": gone}}))
    (out / "procedures" / "gone").mkdir(parents=True)
    (out / "procedures" / "gone" / "index.html").write_text("<h1>Gone</h1>")

    result = subprocess.run(
        [sys.executable, "-S", "-m", "examples.partner_site", "sync"]
        + ["--base-url", partner_site.cms.base_url, "--store", str(store), "--out", str(out)],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONDONTWRITEBYTECODE": "1",
            "FORAMEN_PARTNER_KEY": partner_site.secrets["key"],
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert not (out / "procedures" / "gone").exists()
    assert heading(out / PROCEDURE).startswith("Lumbar Foraminotomy")
    saved = json.loads((store / "pages.json").read_text())
    assert saved["cursor"] != expired
    assert "999999" not in saved["pages"]
