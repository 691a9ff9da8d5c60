"""Caching headers, conditional requests, CORS and JSON errors on both APIs."""

import re

import pytest
from django.test import Client, override_settings

from people.factories import TestimonialFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/api/v2/pages/", "/api/v3/pages/", "/api/v2/testimonials/"]


@pytest.fixture
def site():
    """A site with a procedure, and a testimonial, for every request of this module."""
    built = a_site()
    built.microdiscectomy = ProcedurePageFactory(
        parent=built.procedures, title="Microdiscectomy", slug="microdiscectomy"
    )
    TestimonialFactory()
    return built


@pytest.fixture
def client(site):
    """A test client whose requests go to the built site."""
    return Client(headers=site.headers)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_answers_are_cacheable_with_validators(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["items"]
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "Authorization" in response["Vary"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_head_answers_as_get_without_a_body(client, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_if_none_match_answers_304(client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_if_modified_since_answers_304_until_content_changes(client, site):
    url = "/api/v2/pages/"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304

    page = site.microdiscectomy
    page.title = "Microdiscectomy (updated)"
    page.save_revision().publish()
    response = client.get(url, headers={"if-modified-since": last_modified})
    assert response.status_code == 200
    assert response["Last-Modified"] != last_modified


def test_etag_changes_when_the_page_changes(client, site):
    page = site.microdiscectomy
    url = f"/api/v2/pages/{page.pk}/"
    before = client.get(url)["ETag"]
    page.summary = "A new summary for partners."
    page.save_revision().publish()
    response = client.get(url, headers={"if-none-match": before})
    assert response.status_code == 200
    assert response.json()["summary"] == "A new summary for partners."


def test_token_requests_are_never_stored(client, token_for):
    token = token_for("integrator", superuser=True)
    response = client.get("/api/v3/pages/", headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_error_answers_are_not_cached(client):
    response = client.get("/api/v2/pages/", {"limit": "1000"})
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]


@override_settings(API_PUBLIC_CACHE_CONTROL="public, max-age=5")
def test_public_cache_lifetime_is_configurable(client):
    assert client.get("/api/v2/pages/")["Cache-Control"] == "public, max-age=5"


@override_settings(CORS_ALLOWED_ORIGINS=["https://referrals.example.org"])
def test_cors_allows_listed_partner_origins_only(client):
    allowed = client.get("/api/v2/pages/", headers={"origin": "https://referrals.example.org"})
    assert allowed["Access-Control-Allow-Origin"] == "https://referrals.example.org"
    other = client.get("/api/v2/pages/", headers={"origin": "https://elsewhere.example.com"})
    assert "Access-Control-Allow-Origin" not in other


@override_settings(CORS_ALLOWED_ORIGINS=["https://referrals.example.org"])
def test_cors_preflight_for_a_partner(client):
    response = client.options(
        "/api/v3/pages/",
        headers={
            "origin": "https://referrals.example.org",
            "access-control-request-method": "GET",
        },
    )
    assert response.status_code == 200
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_site_pages_are_not_touched_by_api_headers(client):
    response = client.get("/procedures/")
    assert "Authorization" not in response.get("Vary", "")
    assert "Cache-Control" not in response


def test_site_pages_revalidate_with_their_etag(client):
    etag = client.get("/procedures/")["ETag"]
    assert client.get("/procedures/", headers={"if-none-match": etag}).status_code == 304
    stale = client.get("/procedures/", headers={"if-none-match": '"not-this-page"'})
    assert stale.status_code == 200 and stale.content


@pytest.mark.parametrize(
    ("url", "status", "named"),
    [
        ("/api/v2/pages/abc/", 404, "Not found"),
        ("/api/v2/nothing-here/", 404, "Not found"),
        ("/api/v2/pages/?type=nope.Nope", 400, "type"),
        ("/api/v2/pages/?limit=1000", 400, "limit"),
        ("/api/v2/pages/?offset=-1", 400, "offset"),
        ("/api/v2/pages/?fields=nope", 400, "nope"),
        ("/api/v2/pages/?wat=1", 400, "wat"),
        ("/api/v2/pages/?condition=abc", 400, "condition"),
        ("/api/v2/pages/?location=-3", 400, "location"),
    ],
)
def test_malformed_v2_requests_get_json_errors_naming_the_problem(client, url, status, named):
    response = client.get(url)
    assert response.status_code == status
    assert named in response.json()["message"]


def test_anonymous_writes_are_refused(client):
    response = client.post("/api/v3/pages/", data="{}", content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/")


def test_interactive_v3_docs_load_nothing_from_other_hosts(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in address for address in addresses)
    assert all(address.startswith("/") for address in addresses), addresses
    for address in addresses:
        assert client.get(address).status_code == 200, address


def test_openapi_document_describes_pages_and_snippets(client):
    document = client.get("/api/v3/openapi.json").json()
    assert "/api/v3/pages/" in document["paths"]
    assert any(path.startswith("/api/v3/snippets/") for path in document["paths"])


def test_unknown_v3_addresses_answer_in_problem_json(client):
    response = client.get("/api/v3/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


NOT_VARYING_ON_COOKIES = [*PUBLIC_URLS, "/api/v2/site-settings/", "/sitemap.xml"]


@pytest.mark.parametrize("url", NOT_VARYING_ON_COOKIES)
def test_answers_that_read_no_session_do_not_say_they_vary_on_cookies(client, site, superuser, url):
    """The APIs answer a session as they answer nobody (tokens alone authenticate), and the
    sitemap reads none: ``Vary: Cookie`` would split shared caches for nothing."""
    client.force_login(superuser)  # a lead reader, whose session the idle timeout watches
    anonymous = Client(headers=site.headers).get(url)
    signed_in = client.get(url)
    assert signed_in.status_code == anonymous.status_code == 200
    assert signed_in.content == anonymous.content
    vary = {value.strip().lower() for value in signed_in.get("Vary", "").split(",")}
    assert "cookie" not in vary, f"{url}: Vary: {signed_in['Vary']}"
