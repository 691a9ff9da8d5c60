"""The API of the multi-clinic work: filters by site and location, local page JSON."""

import pytest

from clinics.factories import LocalProcedurePageFactory
from locations.factories import LocationPageFactory
from locations.models import LocationPhysician, LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def network():
    """A site with two clinics, a procedure Dallas offers and does its own way, and surgeons."""
    site = a_site()
    stenosis = ConditionPageFactory(parent=site.conditions, title="Spinal stenosis")
    site.procedure = ProcedurePageFactory(
        parent=site.procedures,
        title="Microdiscectomy",
        slug="microdiscectomy",
        introduction=f'<p>It treats <a linktype="page" id="{stenosis.pk}">stenosis</a>.</p>',
    )
    ProcedurePageFactory(parent=site.procedures, title="Laminectomy")
    site.dallas = LocationPageFactory(
        parent=site.locations, title="Dallas, Texas", main_phone="+12145550100"
    )
    site.atlanta = LocationPageFactory(parent=site.locations, title="Atlanta, Georgia")
    LocationService.objects.create(page=site.dallas, procedure=site.procedure)
    for location, names in [
        (site.dallas, ["Dr. Ana Ruiz", "Dr. Ben Cole"]),
        (site.atlanta, ["Dr. Cara Diaz"]),
    ]:
        for name in names:
            LocationPhysician.objects.create(page=location, physician=PhysicianFactory(name=name))
    LocalProcedurePageFactory(
        parent=site.dallas,
        procedure=site.procedure,
        title="Microdiscectomy in Dallas",
        local_introduction="<p>Done in our dedicated outpatient suite.</p>",
        schedule_note="Tuesday and Thursday mornings",
    )
    return site


@pytest.fixture
def dallas(network):
    return network.dallas


@pytest.fixture
def atlanta(network):
    return network.atlanta


def test_testimonials_filter_by_clinic(client, network, dallas, atlanta):
    shown = TestimonialFactory.create_batch(2, location=dallas)
    TestimonialFactory(location=dallas, live=False)  # a draft: never shown
    TestimonialFactory(location=atlanta)
    listed = ids(
        client.get("/api/v2/testimonials/", {"location": dallas.pk}, headers=network.headers)
    )
    assert listed == {testimonial.pk for testimonial in shown}


def test_physicians_filter_by_where_they_practise(client, network, atlanta):
    listed = ids(
        client.get("/api/v2/physicians/", {"location": atlanta.pk}, headers=network.headers)
    )
    assert listed == {physician.pk for physician in atlanta.listed_physicians()}
    assert [physician.name for physician in atlanta.listed_physicians()] == ["Dr. Cara Diaz"]


@pytest.mark.parametrize("endpoint", ["testimonials", "physicians"])
def test_a_malformed_location_is_a_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"location": "dallas"})
    assert response.status_code == 400
    assert "location" in response.json()["message"]


def test_pages_filter_by_site(client, network):
    affiliate = a_site()
    aliases = [
        procedure.create_alias(parent=affiliate.procedures)
        for procedure in network.procedures.get_children()
    ]
    query = {"type": "procedures.ProcedurePage", "limit": 50}
    listed = ids(client.get("/api/v2/pages/", query, headers=network.headers))
    partner = ids(
        client.get("/api/v2/pages/", {**query, "site": affiliate.host}, headers=network.headers)
    )
    assert listed == set(network.procedures.get_children().values_list("pk", flat=True))
    assert len(listed) == 2
    assert partner == {alias.pk for alias in aliases}


def test_a_location_lists_its_services_physicians_and_local_pages(client, network, dallas):
    body = client.get(f"/api/v2/pages/{dallas.pk}/", headers=network.headers).json()
    assert {card["title"] for card in body["procedures_offered"]} == {"Microdiscectomy"}
    assert [p["name"] for p in body["physicians"]] == ["Dr. Ana Ruiz", "Dr. Ben Cole"]
    local = client.get(
        "/api/v2/pages/",
        {"type": "clinics.LocalProcedurePage", "child_of": dallas.pk},
        headers=network.headers,
    )
    assert [item["title"] for item in local.json()["items"]] == ["Microdiscectomy in Dallas"]


def test_a_local_page_serves_its_shared_procedure_and_clinic(client, network, dallas):
    local = dallas.get_children().get()
    body = client.get(f"/api/v2/pages/{local.pk}/", headers=network.headers).json()
    assert body["shared_procedure"]["title"] == "Microdiscectomy"
    assert "stenosis" in body["shared_procedure"]["introduction"]
    assert "linktype" not in body["shared_procedure"]["introduction"]
    assert body["clinic"]["title"] == "Dallas, Texas"
    assert body["clinic"]["phones"]["main"]
    assert body["schedule_note"] == "Tuesday and Thursday mornings"
    assert "dedicated outpatient suite" in body["local_introduction"]


def test_a_local_page_stops_showing_its_procedure_once_that_is_unpublished(client, network, dallas):
    local = dallas.get_children().get().specific
    network.procedure.unpublish()
    detail = client.get(f"/api/v2/pages/{local.pk}/", headers=network.headers)
    assert detail.status_code == 200, detail.content
    assert detail.json()["shared_procedure"] is None
    assert detail.json()["clinic"]["title"] == "Dallas, Texas"
    page = client.get(local.url, headers=network.headers)
    assert page.status_code == 200
    assert local.title in page.text
    assert "stenosis" not in page.text
    assert "Read the full guide to" not in page.text
