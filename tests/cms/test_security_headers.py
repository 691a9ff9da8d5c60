"""Every answer carries a Content-Security-Policy, a Permissions-Policy and, over HTTPS, HSTS.

Public pages run only this origin's scripts and styles, none inline; the admin is
allowed the inline scripts and styles Wagtail writes, and nothing from elsewhere.
"""

import base64
import hashlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from core.models import SiteSettings
from tests.builders import a_site
from tests.live_server import BASE_DIR, SERVER_START_TIMEOUT, free_port

ONE_YEAR = 31536000


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.fixture
def site(db):
    return a_site(default=True)


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=back", "/api/v2/pages/", "/api/v3/pages/", "/no-such-page/"]
)
def test_public_answers_allow_only_this_origins_scripts_and_styles(client, site, path):
    policy = directives(client.get(path))
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'self'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]


#: Script elements a browser never runs (data blocks), which the CSP therefore need not allow:
#: the page's structured data (core.structured_data).
DATA_BLOCK_TYPES = {"application/ld+json"}


def test_public_pages_hold_no_inline_script_or_style(client, site):
    settings_row = SiteSettings.for_site(site.site)
    settings_row.brand_colour = "#4b2a7b"
    settings_row.save()
    for path in ["/", "/search/?q=back", "/no-such-page/"]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        assert soup.find("style") is None, path
        inline = [tag for tag in soup.find_all("script") if not tag.get("src")]
        assert [tag for tag in inline if tag.get("type") not in DATA_BLOCK_TYPES] == [], path
        assert soup.find(style=True) is None, path


def test_the_brand_colours_come_from_the_sites_stylesheet(client, site):
    settings_row = SiteSettings.for_site(site.site)
    settings_row.brand_colour = "#4b2a7b"
    settings_row.save()
    soup = BeautifulSoup(client.get("/", headers=site.headers).content, "html.parser")
    address = next(
        link["href"] for link in soup.find_all("link", rel="stylesheet") if "theme" in link["href"]
    )
    stylesheet = client.get(address, headers=site.headers)
    assert stylesheet.status_code == 200
    assert stylesheet["Content-Type"].startswith("text/css")
    assert "--color-brand: #4b2a7b;" in stylesheet.content.decode()
    assert "immutable" in stylesheet["Cache-Control"]


def test_the_theme_stylesheet_has_one_address_per_version(client, site):
    settings_row = SiteSettings.for_site(site.site)
    settings_row.brand_colour = "#4b2a7b"
    settings_row.save()
    assert client.get("/theme.css?v=anything", headers=site.headers).status_code == 404
    assert client.get("/theme.css", headers=site.headers).status_code == 404


def test_the_admin_gets_wagtails_inline_scripts_and_nothing_from_elsewhere(admin_client, site):
    for path in ["/admin/", f"/admin/pages/{site.home.pk}/edit/", "/admin/login/"]:
        policy = directives(admin_client.get(path))
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["object-src"] == ["'none'"]


def test_the_admin_page_editor_still_works(admin_client, site):
    response = admin_client.get(f"/admin/pages/{site.home.pk}/edit/")
    assert response.status_code == 200
    assert b'id="page-edit-form"' in response.content


@override_settings(DEBUG=False)
def test_the_error_pages_allow_exactly_their_own_inline_styles(client, site):
    from cms.views import error_page_style_source, server_error

    response = server_error(client.get("/").wsgi_request)
    style = BeautifulSoup(response.content, "html.parser").find("style").string
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert response._csp_update == {"style-src": [f"'sha256-{digest}'"]}
    assert error_page_style_source() == f"'sha256-{digest}'"


@pytest.mark.parametrize("path", ["/", "/api/v2/pages/", "/admin/login/", "/static/css/site.css"])
def test_every_answer_turns_off_unused_browser_features(client, site, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ["camera=()", "geolocation=()", "microphone=()", "payment=()"]:
        assert feature in policy


@pytest.mark.parametrize(
    "path", ["/", "/api/v2/pages/", "/api/v3/pages/", "/admin/login/", "/no-such-page/"]
)
def test_every_https_answer_carries_hsts(client, site, settings, path):
    settings.SECURE_HSTS_SECONDS = ONE_YEAR
    for _ in range(2):  # the second answer of a public page comes from the render cache
        response = client.get(path, secure=True)
        assert response["Strict-Transport-Security"].startswith(f"max-age={ONE_YEAR}")


def test_gunicorn_does_not_name_itself(tmp_path):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    with open(tmp_path / "gunicorn.log", "w") as log:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "cms.wsgi:application",
                "--config",
                "deploy/gunicorn.conf.py",
                "--no-control-socket",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        response = first_answer(server, f"http://127.0.0.1:{port}/static/css/site.css")
        assert response.status == 200
        assert response.headers.get("Server") is None
    finally:
        server.terminate()
        server.wait(timeout=30)


def first_answer(server, url):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                response.read()
                return response
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {SERVER_START_TIMEOUT}s")
