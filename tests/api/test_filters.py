"""Filtering and paging: what a directory or referral site asks for."""

from functools import reduce
from operator import or_

import pytest
from django.test import Client
from wagtail.models import Page

from locations.factories import LocationPageFactory
from locations.models import LocationPage, LocationService
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from tests.builders import a_site

pytestmark = pytest.mark.django_db

PROCEDURES = "procedures.ProcedurePage"

# title -> body region; several share one, as paging by it needs.
CATALOG = {
    "Lumbar Foraminotomy": "lumbar",
    "Microdiscectomy": "lumbar",
    "Laminectomy": "lumbar",
    "Cervical Foraminotomy": "cervical",
    "Cervical Disc Replacement": "cervical",
}


@pytest.fixture
def site():
    """A catalog of five procedures, a condition two of them treat, a clinic offering two."""
    built = a_site()
    procedures = {
        title: ProcedurePageFactory(parent=built.procedures, title=title, body_region=region)
        for title, region in CATALOG.items()
    }
    stenosis = ConditionPageFactory(
        parent=built.conditions, title="Spinal Stenosis", slug="spinal-stenosis"
    )
    for title in ("Lumbar Foraminotomy", "Cervical Foraminotomy"):
        ProcedureCondition.objects.create(page=procedures[title], condition=stenosis)
    ConditionPageFactory(parent=built.conditions, title="Sciatica")
    clinic = LocationPageFactory(parent=built.locations)
    for title in ("Microdiscectomy", "Laminectomy"):
        LocationService.objects.create(page=clinic, procedure=procedures[title])
    LocationPageFactory(parent=built.locations)
    return built


@pytest.fixture
def client(site):
    """A test client whose requests go to the built site."""
    return Client(headers=site.headers)


def stenosis_of(site):
    return ConditionPage.objects.child_of(site.conditions).get(slug="spinal-stenosis")


def a_clinic_of(site):
    location = LocationPage.objects.child_of(site.locations).filter(services__isnull=False)
    return location.distinct().get()


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_by_type(client):
    listed = titles(client.get("/api/v2/pages/", {"type": PROCEDURES, "limit": 50}))
    assert sorted(listed) == sorted(CATALOG)


def test_by_body_region(client):
    listed = titles(client.get("/api/v2/pages/", {"type": PROCEDURES, "body_region": "cervical"}))
    expected = [title for title, region in CATALOG.items() if region == "cervical"]
    assert listed and sorted(listed) == sorted(expected)


@pytest.mark.parametrize("extra", [{}, {"type": PROCEDURES}])
def test_by_condition_treated(client, site, extra):
    condition = stenosis_of(site)
    query = {"condition": condition.pk, "locale": "en", **extra}
    listed = titles(client.get("/api/v2/pages/", query))
    assert sorted(listed) == sorted(page.title for page in condition.listed_procedures())
    assert sorted(listed) == ["Cervical Foraminotomy", "Lumbar Foraminotomy"]


def test_by_location_offering_it(client, site):
    location = a_clinic_of(site)
    query = {"location": location.pk, "locale": location.locale.language_code, "limit": 50}
    listed = titles(client.get("/api/v2/pages/", query))
    assert sorted(listed) == sorted(page.title for page in location.listed_procedures())
    assert sorted(listed) == ["Laminectomy", "Microdiscectomy"]


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
    assert len(seen) == len(set(seen)) == len(CATALOG)


def test_limit_is_capped_at_fifty(client):
    assert client.get("/api/v2/pages/", {"limit": 50}).status_code == 200
    assert client.get("/api/v2/pages/", {"limit": 51}).status_code == 400


def test_by_locale_and_site(client, site):
    by_locale = client.get("/api/v2/pages/", {"type": PROCEDURES, "locale": "en"})
    assert "Lumbar Foraminotomy" in titles(by_locale)
    # Asked of another host (the default site), the site parameter picks the site.
    by_site = Client().get("/api/v2/pages/", {"type": PROCEDURES, "site": site.host})
    assert "Lumbar Foraminotomy" in titles(by_site)


def test_v3_filters_by_type_and_locale(client):
    response = client.get("/api/v3/pages/", {"type": PROCEDURES, "locale": "en", "limit": 50})
    assert response.status_code == 200
    assert {item["title"] for item in response.json()["items"]} == set(CATALOG)


@pytest.mark.parametrize("extra", [{}, {"type": PROCEDURES}])
def test_v3_by_condition_treated(client, site, extra):
    condition = stenosis_of(site)
    query = {"condition": condition.pk, "locale": "en", **extra}
    listed = titles(client.get("/api/v3/pages/", query))
    assert listed and sorted(listed) == sorted(p.title for p in condition.listed_procedures())


def test_v3_by_location_offering_it(client, site):
    location = a_clinic_of(site)
    query = {"location": location.pk, "locale": location.locale.language_code, "limit": 50}
    listed = titles(client.get("/api/v3/pages/", query))
    assert listed and sorted(listed) == sorted(p.title for p in location.listed_procedures())


def site_procedures(site):
    """Live procedures the API serves for the site: its tree in every language."""
    home = site.home
    roots = [home, *home.get_translations()]
    in_site = reduce(or_, (Page.objects.descendant_of_q(root) for root in roots))
    return ProcedurePage.objects.live().filter(in_site)


def test_v3_by_body_region_with_or_without_a_type(client, site):
    cervical = site_procedures(site).filter(body_region="cervical")
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


def test_v3_page_detail_refuses_unknown_parameters(client, site):
    page = ProcedurePage.objects.child_of(site.procedures).first()
    response = client.get(f"/api/v3/pages/{page.pk}/", {"fields": "title"})
    assert response.status_code == 400
    assert "fields" in response.json()["detail"]
    assert client.get(f"/api/v3/pages/{page.pk}/", {"version": "live"}).status_code == 200


def test_v3_paging_by_a_shared_value_never_repeats_or_skips(client, site):
    query = {"type": PROCEDURES, "order": "body_region", "limit": 2}
    seen = []
    for offset in range(0, 12, 2):
        response = client.get("/api/v3/pages/", {**query, "offset": offset})
        assert response.status_code == 200, response.content
        seen += [item["id"] for item in response.json()["items"]]
    assert len(seen) == len(set(seen)) == site_procedures(site).count() == len(CATALOG)
