"""The public read paths of issue #16's list of defects, each as a partner would call it."""

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from wagtail.models import APIToken, Page

from api.field_schemas import TIME_OF_DAY_PATTERN
from procedures.factories import ProcedurePageFactory
from serialization.representation import serialize_rich_text
from tests.api.helpers import a_clinic
from tests.builders import a_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return a_site()


@pytest.fixture
def client(built):
    """A test client whose requests go to the built site."""
    return Client(headers=built.headers)


@pytest.fixture
def lumbar(built):
    return ProcedurePageFactory(
        parent=built.procedures, title="Lumbar Foraminotomy", slug="lumbar-foraminotomy"
    )


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_anonymous_search_finds_pages_without_a_type(client, lumbar, version):
    response = client.get(f"/api/{version}/pages/", {"search": "foraminotomy"})
    assert response.status_code == 200, response.content[:300]
    assert lumbar.title in [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"type": "procedures.ProcedurePage", "last_reviewed": "notadate"}, "last_reviewed"),
        ({"type": "procedures.ProcedurePage", "next_review": "2027-13-45"}, "next_review"),
        ({"type": "procedures.ProcedurePage", "first_published_at": "abc"}, "first_published_at"),
        ({"type": "locations.LocationPage", "latitude": "abc"}, "latitude"),
    ],
)
def test_a_malformed_field_filter_is_a_json_400_naming_it(client, query, parameter):
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{parameter}:")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/",
        "/api/v3/",
        "/api/v3/nosuch/",
        "/api/v2/pages/abc/",
        "/api/v2/images/abc/",
        "/api/v3/pages/999999/",
        "/api/v2/site-settings/?site=nosuch",
    ],
)
def test_not_found_under_the_api_is_json(client, settings, path):
    # Django's debug 404 page is HTML too: the API answers JSON in development as well.
    for debug in (False, True):
        settings.DEBUG = debug
        response = client.get(path)
        assert response.status_code == 404
        assert "json" in response["Content-Type"], (path, debug)


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v3/pages/", "/api/v2/site-settings/"])
@pytest.mark.parametrize("token", ["wagtail_nope", "not a token at all"])
def test_an_invalid_bearer_token_is_refused_even_on_public_reads(client, path, token):
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
    assert "json" in response["Content-Type"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_on_public_reads(client, superuser):
    token, plaintext = APIToken.create_token(user=superuser, name="revoked partner")
    token.revoke()
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 401


@pytest.mark.parametrize("query", [{"colour": "red"}, {"version": "draft"}])
def test_v2_detail_refuses_parameters_it_does_not_take(client, lumbar, query):
    response = client.get(f"/api/v2/pages/{lumbar.pk}/", query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json()["message"]


def test_v2_detail_takes_fields(client, lumbar):
    response = client.get(f"/api/v2/pages/{lumbar.pk}/", {"fields": "title"})
    assert response.status_code == 200


@pytest.fixture
def other_site_location():
    """A location that only another site than the one the requests go to serves."""
    other = a_site()
    return a_clinic(other), other.site


def test_v2_find_routes_the_path_on_the_site_named(client, other_site_location):
    location, site = other_site_location
    path = location.get_url_parts()[2]
    response = client.get("/api/v2/pages/find/", {"html_path": path, "site": site.hostname})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert detail.json()["id"] == location.pk


def followed(client, asked_host, location):
    """What a partner's HTTP client gets by following location, a redirect from asked_host."""
    url = urlsplit(urljoin(f"http://{asked_host}/", location))
    return client.get(f"{url.path}?{url.query}", headers={"host": url.netloc})


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_find_on_a_brand_host_leads_to_a_detail_that_answers(client, other_site_location, version):
    """A partner asking on its own brand's host, whatever host the API's base URL names."""
    location, site = other_site_location
    path = location.get_url_parts()[2]
    response = client.get(
        f"/api/{version}/pages/find/", {"html_path": path}, headers={"host": site.hostname}
    )
    assert response.status_code == 302
    detail = followed(client, site.hostname, response["Location"])
    assert detail.status_code == 200
    assert detail.json()["id"] == location.pk


def test_v3_find_with_site_leads_to_a_detail_that_answers(client, other_site_location):
    location, site = other_site_location
    path = location.get_url_parts()[2]
    response = client.get("/api/v3/pages/find/", {"html_path": path, "site": site.hostname})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert detail.json()["id"] == location.pk
    assert Page.objects.get(pk=location.pk).get_site() == site


def test_v3_gives_rich_text_as_markdown_on_request(client, lumbar):
    response = client.get(f"/api/v3/pages/{lumbar.pk}/", {"rich_text_format": "markdown"})
    assert response.status_code == 200
    introduction = response.json()["introduction"]
    assert introduction and "<p" not in introduction


def test_display_html_carries_no_editor_markup_and_empty_text_is_empty():
    html = serialize_rich_text('<p data-block-key="a1b2c">Walk <b>again</b>.</p>')
    assert html == "<p>Walk <b>again</b>.</p>"
    assert serialize_rich_text('<p data-block-key="a1b2c"></p>') == ""


def test_v3_opening_hours_are_local_times_the_schema_describes(client, built):
    location = a_clinic(built)
    hours = client.get(f"/api/v3/pages/{location.pk}/").json()["hours"]
    pattern = re.compile(TIME_OF_DAY_PATTERN)
    assert all(pattern.match(row["opens"]) for row in hours if row["opens"])
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    read_schemas = [schema for name, schema in schemas.items() if "LocationHours" in name]
    opens = [s["properties"]["opens"] for s in read_schemas if "opens" in s.get("properties", {})]
    described = [json.dumps(o) for o in opens]
    assert any(TIME_OF_DAY_PATTERN.replace("\\", "\\\\") in text for text in described)


UTC_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def date_times(node, path=""):
    """Every date-time string in a JSON answer, by where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from date_times(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from date_times(value, f"{path}[{index}]")
    elif isinstance(node, str) and re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", node):
        yield path, node


def test_v3_date_times_have_one_form_after_a_patch_and_on_a_get(client, lumbar, token_for):
    """A PATCH answer and a GET (live and draft) give each date-time alike: UTC, with `Z`."""
    headers = {"authorization": f"Bearer {token_for('integrator', superuser=True)}"}
    url = f"/api/v3/pages/{lumbar.pk}/"

    def patch(body):
        response = client.patch(
            url, data=json.dumps(body), content_type="application/json", headers=headers
        )
        assert response.status_code == 200, response.content[:300]
        return response.json()

    patch({"meta": {"action": "publish"}, "title": "Lumbar Foraminotomy (open)"})
    patched = dict(date_times(patch({"summary": "A wider foramen."})))
    live = dict(date_times(client.get(url).json()))
    draft = dict(date_times(client.get(url, {"version": "draft"}, headers=headers).json()))

    assert {"meta.first_published_at", "last_published_at"} <= patched.keys()
    for answer in (patched, live, draft):
        assert all(UTC_DATE_TIME.match(value) for value in answer.values()), answer
    for field in ("meta.first_published_at", "last_published_at"):
        assert patched[field] == live[field] == draft[field]
