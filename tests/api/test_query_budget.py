"""The number of SQL queries per API request does not grow with the content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import CallToAction
from locations.models import LocationPage, LocationPhysician, LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from procedures.factories import ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedureIndexPage, ProcedurePage
from tests.helpers import default_site

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

DETAIL_BUDGET = 15
LISTING_BUDGET = 20


def queries_for(client, url):
    client.get(url)  # renditions of newly added images are made on first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def richer_body(page, copies):
    """The page's body with many more chooser blocks pointing at many more objects."""
    calls = list(CallToAction.objects.filter(locale__language_code="en"))
    testimonials = [TestimonialFactory() for _ in range(copies)]
    physicians = [PhysicianFactory() for _ in range(copies)]
    # The conditions an English network page may link: its site's, in English, no alias.
    conditions = list(
        ConditionPage.objects.in_site(default_site())
        .live()
        .filter(locale__language_code="en", alias_of=None)
    )
    extra = []
    for index in range(copies):
        extra += [
            ("call_to_action", {"call_to_action": calls[index % len(calls)].pk, "heading": ""}),
            ("testimonials", {"heading": "", "testimonials": [testimonials[index].pk]}),
            ("physicians", {"heading": "Team", "physicians": [physicians[index].pk]}),
            ("conditions_treated", {"heading": "Treats", "conditions": [c.pk for c in conditions]}),
        ]
    return list(page.body.raw_data) + [{"type": kind, "value": value} for kind, value in extra]


def test_procedure_detail_is_flat_in_blocks_and_relations(client):
    page = ProcedurePage.objects.get(
        slug="lumbar-foraminotomy", locale__language_code="en", alias_of=None
    )
    url = f"/api/v2/pages/{page.pk}/"
    before = queries_for(client, url)
    assert before <= DETAIL_BUDGET

    page.body = richer_body(page, copies=5)
    # Every condition the page may relate to: its site's, in its language, no alias.
    relatable = ConditionPage.objects.in_site(default_site()).filter(
        locale=page.locale, alias_of=None
    )
    for condition in relatable.exclude(procedure_links__page=page):
        ProcedureCondition.objects.create(page=page, condition=condition)
    for location in LocationPage.objects.exclude(services__procedure=page):
        LocationService.objects.create(page=location, procedure=page)
    page.save_revision().publish()

    assert queries_for(client, url) == before


def test_v3_procedure_detail_is_flat_too(client):
    page = ProcedurePage.objects.get(
        slug="lumbar-foraminotomy", locale__language_code="en", alias_of=None
    )
    url = f"/api/v3/pages/{page.pk}/"
    before = queries_for(client, url)
    assert before <= DETAIL_BUDGET
    page.body = richer_body(page, copies=4)
    page.save_revision().publish()
    assert queries_for(client, url) == before


def test_location_detail_is_flat_in_physicians_and_services(client):
    location = LocationPage.objects.live().first()
    url = f"/api/v2/pages/{location.pk}/"
    before = queries_for(client, url)
    assert before <= DETAIL_BUDGET
    for _ in range(4):
        LocationPhysician.objects.create(page=location, physician=PhysicianFactory())
    for procedure in ProcedurePage.objects.exclude(location_links__page=location):
        LocationService.objects.create(page=location, procedure=procedure)
    assert queries_for(client, url) == before


def test_listing_twenty_procedures_with_bodies_is_flat(client):
    url = "/api/v2/pages/?type=procedures.ProcedurePage&fields=*&limit=20"
    before = queries_for(client, url)

    parent = ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en")
    template = ProcedurePage.objects.get(
        slug="lumbar-foraminotomy", locale__language_code="en", alias_of=None
    )
    while ProcedurePage.objects.live().filter(alias_of=None).count() < 20:
        ProcedurePageFactory(parent=parent, body=template.body.raw_data)

    after = queries_for(client, url)
    assert after <= LISTING_BUDGET
    assert after == before
