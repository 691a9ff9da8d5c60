"""The end-to-end suite: the CMS as a real server process, driven by a real Chromium.

Once per run of this package, ``live_site`` builds a fresh SQLite database and
media folder, loads the demo content, creates an editor and starts
``manage.py runserver`` on a free loopback port (settings ``cms.settings.e2e``,
which serve the demo images). ``browser`` launches Debian's Chromium through
Playwright. Each test gets its own browser context (``page``) at the viewport it
is parametrized with; requests to any other host are recorded in
``outside_requests`` and blocked, since the site must make none: public pages and
admin pages alike, so every test that used ``page`` fails at teardown when one was
tried. They are recorded as the page asks for them, because the site's Content
Security Policy refuses most of them before a route would see them (the admin's
avatars from Gravatar were such a request: a broken image, never routed).

The fixtures are package-scoped so that Playwright's event loop is gone before
the rest of the suite, which uses the Django ORM in this process, runs.
"""

import os
import re

import pytest

from tests.e2e import accounts
from tests.e2e.helpers import EDITOR_PASSWORD, EDITOR_USERNAME
from tests.helpers import skip_for_missing_service
from tests.live_server import running_cms

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}

# Playwright's own waits (locators, expect): generous, so a slow machine is not a failure.
PLAYWRIGHT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="package")
def live_site(tmp_path_factory):
    """The CMS with the demo content, an editor, a translator and a lead manager, served by a
    real server process."""
    editor = (
        {"ADMIN_PASSWORD": EDITOR_PASSWORD},
        ["ensure_admin", "--username", EDITOR_USERNAME, "--email", "e2e-editor@example.com"],
    )
    journey_accounts = ({}, accounts.CREATE_COMMAND)
    with running_cms(tmp_path_factory.mktemp("e2e-site"), [editor, journey_accounts]) as cms:
        yield cms


@pytest.fixture(scope="package")
def browser():
    """Debian's Chromium, launched by Playwright (its own browser download is not used)."""
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        skip_for_missing_service(
            f"no Chromium at {CHROMIUM_PATH}; scripts/services/chromium.sh installs it"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    """The name of the viewport a visitor test runs at: "desktop" and "phone"."""
    return request.param


@pytest.fixture
def outside_requests():
    """URLs the pages tried to fetch from anywhere but the CMS itself (all blocked)."""
    return []


@pytest.fixture
def page(browser, live_site, viewport, outside_requests):
    from playwright.sync_api import expect

    expect.set_options(timeout=PLAYWRIGHT_TIMEOUT_MS)
    context = browser.new_context(
        base_url=live_site.base_url,
        viewport=VIEWPORTS[viewport],
        locale="en-US",
        reduced_motion="reduce",
    )
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    outside = re.compile(rf"^(?!{re.escape(live_site.base_url)}/).*")

    def record(request):
        if outside.match(request.url):
            outside_requests.append(request.url)

    context.on("request", record)
    context.route(outside, lambda route: route.abort())
    browser_page = context.new_page()
    try:
        yield browser_page
    finally:
        context.close()
    assert outside_requests == [], f"pages of the site requested other sites: {outside_requests}"
