"""The API of the multi-clinic work: filters by site and location, local page JSON."""

import pytest

from clinics.models import LocalProcedurePage
from people.models import Physician, Testimonial
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_testimonials_filter_by_clinic(client, dallas):
    listed = ids(client.get("/api/v2/testimonials/", {"location": dallas.pk}))
    expected = set(
        Testimonial.objects.publicly_shown().filter(location=dallas).values_list("pk", flat=True)
    )
    assert listed == expected and listed


def test_physicians_filter_by_where_they_practise(client, atlanta):
    listed = ids(client.get("/api/v2/physicians/", {"location": atlanta.pk}))
    assert listed == {physician.pk for physician in atlanta.listed_physicians()}
    assert listed != set(Physician.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("endpoint", ["testimonials", "physicians"])
def test_a_malformed_location_is_a_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"location": "dallas"})
    assert response.status_code == 400
    assert "location" in response.json()["message"]


def test_pages_filter_by_site(client):
    query = {"type": "procedures.ProcedurePage", "limit": 50}
    network = ids(client.get("/api/v2/pages/", query))
    affiliate = ids(client.get("/api/v2/pages/", {**query, "site": "affiliate.localhost"}))
    assert network == set(ProcedurePage.objects.filter(alias_of=None).values_list("pk", flat=True))
    assert affiliate == set(
        ProcedurePage.objects.filter(alias_of__isnull=False).values_list("pk", flat=True)
    )


def test_a_location_lists_its_services_physicians_and_local_pages(client, dallas):
    body = client.get(f"/api/v2/pages/{dallas.pk}/").json()
    assert {card["title"] for card in body["procedures_offered"]} >= {"Microdiscectomy"}
    assert [p["name"] for p in body["physicians"]] == [p.name for p in dallas.listed_physicians()]
    local = client.get(
        "/api/v2/pages/", {"type": "clinics.LocalProcedurePage", "child_of": dallas.pk}
    )
    assert [item["title"] for item in local.json()["items"]] == ["Microdiscectomy in Dallas"]


def test_a_local_page_serves_its_shared_procedure_and_clinic(client, dallas):
    local = LocalProcedurePage.objects.child_of(dallas).get()
    body = client.get(f"/api/v2/pages/{local.pk}/").json()
    assert body["shared_procedure"]["title"] == "Microdiscectomy"
    assert "linktype" not in body["shared_procedure"]["introduction"]
    assert body["clinic"]["title"] == "Dallas, Texas"
    assert body["clinic"]["phones"]["main"]
    assert body["schedule_note"] == "Tuesday and Thursday mornings"
    assert "dedicated outpatient suite" in body["local_introduction"]
