"""The end-to-end suite: the CMS as a real server process, driven by a real Chromium.

Once per run of this package, ``live_site`` builds a fresh SQLite database and
media folder, loads the demo content, creates an editor and starts
``manage.py runserver`` on a free loopback port (settings ``cms.settings.e2e``,
which serve the demo images). ``browser`` launches Debian's Chromium through
Playwright. Each test gets its own browser context (``page``) at the viewport it
is parametrized with; requests to any other host are blocked and recorded in
``outside_requests``, since the site must make none.

The fixtures are package-scoped so that Playwright's event loop is gone before
the rest of the suite, which uses the Django ORM in this process, runs.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import skip_for_missing_service
from tests.e2e.helpers import EDITOR_PASSWORD, EDITOR_USERNAME

BASE_DIR = Path(__file__).resolve().parents[2]
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

SERVER_START_TIMEOUT = 60  # seconds; an upper bound on startup, not a measurement
# Playwright's own waits (locators, expect): generous, so a slow machine is not a failure.
PLAYWRIGHT_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class LiveSite:
    base_url: str
    log_path: Path

    def url(self, path):
        return f"{self.base_url}{path}"

    def log_tail(self, lines=40):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _site_env(database_path, media_root):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.e2e",
        DATABASE_URL=f"sqlite:///{database_path}",
        MEDIA_ROOT=str(media_root),
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def _wait_until_serving(process, site):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The CMS server exited with code {process.returncode}:\n{site.log_tail()}")
        try:
            with urllib.request.urlopen(site.url("/"), timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(
        f"The CMS server did not answer on {site.base_url} within {SERVER_START_TIMEOUT}s:\n"
        f"{site.log_tail()}"
    )


@pytest.fixture(scope="package")
def live_site(tmp_path_factory):
    """The CMS with the demo content, served by a real server process on loopback."""
    root = tmp_path_factory.mktemp("e2e-site")
    # WhiteNoise serves the folder holding "media" at the site root, so it holds nothing else.
    media_root = root / "public" / "media"
    media_root.mkdir(parents=True)
    port = _free_port()
    site = LiveSite(base_url=f"http://127.0.0.1:{port}", log_path=root / "server.log")
    # The demo loader gives the default Site this address, so absolute URLs reach the server.
    env = _site_env(root / "db.sqlite3", media_root) | {"WAGTAILADMIN_BASE_URL": site.base_url}

    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "load_demo_content", "-v0")
    _manage(
        env | {"ADMIN_PASSWORD": EDITOR_PASSWORD},
        "ensure_admin",
        "--username",
        EDITOR_USERNAME,
        "--email",
        "e2e-editor@example.com",
    )

    with site.log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_serving(process, site)
        yield site
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
    own_origin = re.escape(live_site.base_url)

    def block(route):
        outside_requests.append(route.request.url)
        route.abort()

    context.route(re.compile(rf"^(?!{own_origin}/).*"), block)
    browser_page = context.new_page()
    try:
        yield browser_page
    finally:
        context.close()
