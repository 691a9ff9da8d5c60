"""Filtering and paging: what a directory or referral site asks for."""

from functools import reduce
from operator import or_

import pytest
from wagtail.models import Page

from locations.models import LocationPage
from procedures.models import ConditionPage, ProcedurePage
from tests.helpers import default_site

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

PROCEDURES = "procedures.ProcedurePage"


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_by_type(client):
    listed = titles(client.get("/api/v2/pages/", {"type": PROCEDURES, "limit": 50}))
    assert sorted(listed) == sorted(
        ProcedurePage.objects.live().filter(alias_of=None).values_list("title", flat=True)
    )


def test_by_body_region(client):
    listed = titles(client.get("/api/v2/pages/", {"type": PROCEDURES, "body_region": "cervical"}))
    expected = ProcedurePage.objects.live().filter(body_region="cervical", alias_of=None)
    assert listed and sorted(listed) == sorted(expected.values_list("title", flat=True))


@pytest.mark.parametrize("extra", [{}, {"type": PROCEDURES}])
def test_by_condition_treated(client, extra):
    condition = ConditionPage.objects.get(slug="spinal-stenosis", alias_of=None)
    query = {"condition": condition.pk, "locale": "en", **extra}
    listed = titles(client.get("/api/v2/pages/", query))
    assert sorted(listed) == sorted(page.title for page in condition.listed_procedures())


def test_by_location_offering_it(client):
    location = LocationPage.objects.live().first()
    query = {"location": location.pk, "locale": location.locale.language_code, "limit": 50}
    listed = titles(client.get("/api/v2/pages/", query))
    assert sorted(listed) == sorted(page.title for page in location.listed_procedures())


def test_search(client):
    listed = titles(client.get("/api/v2/pages/", {"search": "foraminotomy", "type": PROCEDURES}))
    assert "Lumbar Foraminotomy" in listed


def test_fields_selects_what_comes_back(client):
    response = client.get("/api/v2/pages/", {"type": PROCEDURES, "fields": "summary,body_region"})
    item = response.json()["items"][0]
    assert {"summary", "body_region"} <= set(item)
    assert "body" not in item


def test_ordering_by_a_shared_value_pages_without_repeats_or_gaps(client):
    # Several procedures share a body region, so only the id tie-break makes pages stable.
    query = {"type": PROCEDURES, "order": "body_region", "limit": 2, "fields": "_,id"}
    seen = []
    for offset in range(0, 12, 2):
        response = client.get("/api/v2/pages/", {**query, "offset": offset})
        seen += [item["id"] for item in response.json()["items"]]
    assert len(seen) == len(set(seen)) == ProcedurePage.objects.live().filter(alias_of=None).count()


def test_limit_is_capped_at_fifty(client):
    assert client.get("/api/v2/pages/", {"limit": 50}).status_code == 200
    assert client.get("/api/v2/pages/", {"limit": 51}).status_code == 400


@pytest.mark.parametrize("params", [{"locale": "en"}, {"site": "testserver"}])
def test_by_locale_and_site(client, params):
    assert "Lumbar Foraminotomy" in titles(
        client.get("/api/v2/pages/", {"type": PROCEDURES, **params})
    )


def test_v3_filters_by_type_and_locale(client):
    response = client.get("/api/v3/pages/", {"type": PROCEDURES, "locale": "en", "limit": 50})
    assert response.status_code == 200
    assert {item["title"] for item in response.json()["items"]} == set(
        ProcedurePage.objects.live()
        .filter(locale__language_code="en", alias_of=None)
        .values_list("title", flat=True)
    )


@pytest.mark.parametrize("extra", [{}, {"type": PROCEDURES}])
def test_v3_by_condition_treated(client, extra):
    condition = ConditionPage.objects.get(
        locale__language_code="en", alias_of=None, slug="spinal-stenosis"
    )
    query = {"condition": condition.pk, "locale": "en", **extra}
    listed = titles(client.get("/api/v3/pages/", query))
    assert listed and sorted(listed) == sorted(p.title for p in condition.listed_procedures())


def test_v3_by_location_offering_it(client):
    location = LocationPage.objects.live().first()
    query = {"location": location.pk, "locale": location.locale.language_code, "limit": 50}
    listed = titles(client.get("/api/v3/pages/", query))
    assert listed and sorted(listed) == sorted(p.title for p in location.listed_procedures())


def default_site_procedures():
    """Live procedures the API serves for the default site: its tree in every language."""
    home = default_site().root_page
    roots = [home, *home.get_translations()]
    in_site = reduce(or_, (Page.objects.descendant_of_q(root) for root in roots))
    return ProcedurePage.objects.live().filter(in_site)


def test_v3_by_body_region_with_or_without_a_type(client):
    cervical = default_site_procedures().filter(body_region="cervical")
    expected = sorted(cervical.values_list("title", flat=True))
    for extra in ({}, {"type": PROCEDURES}):
        listed = titles(client.get("/api/v3/pages/", {"body_region": "cervical", **extra}))
        assert expected and sorted(listed) == expected


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"colour": "blue"}, "colour"),
        ({"condition": "abc"}, "condition"),
        ({"body_region": "elbow"}, "body_region"),
        ({"type": "procedures.ConditionPage", "body_region_x": "lumbar"}, "body_region_x"),
    ],
)
def test_v3_listing_refuses_bad_parameters_naming_them(client, params, named):
    response = client.get("/api/v3/pages/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert named in response.json()["detail"]


def test_v3_page_detail_refuses_unknown_parameters(client):
    page = ProcedurePage.objects.live().first()
    response = client.get(f"/api/v3/pages/{page.pk}/", {"fields": "title"})
    assert response.status_code == 400
    assert "fields" in response.json()["detail"]
    assert client.get(f"/api/v3/pages/{page.pk}/", {"version": "live"}).status_code == 200


def test_v3_paging_by_a_shared_value_never_repeats_or_skips(client):
    query = {"type": PROCEDURES, "order": "body_region", "limit": 2}
    seen = []
    for offset in range(0, 12, 2):
        response = client.get("/api/v3/pages/", {**query, "offset": offset})
        assert response.status_code == 200, response.content
        seen += [item["id"] for item in response.json()["items"]]
    assert len(seen) == len(set(seen)) == default_site_procedures().count()
