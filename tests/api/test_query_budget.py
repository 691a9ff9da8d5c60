"""The number of SQL queries per API request does not grow with the content."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.factories import CallToActionFactory
from locations.models import LocationPage, LocationPhysician, LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from tests.api.helpers import a_lumbar_foraminotomy
from tests.builders import a_site

pytestmark = pytest.mark.django_db

DETAIL_BUDGET = 15
LISTING_BUDGET = 20


@pytest.fixture
def scene():
    """The realistic page: as many conditions, clinics and blocks as the demo's."""
    return a_lumbar_foraminotomy(a_site(), clinics=3)


@pytest.fixture
def client(scene):
    """A test client whose requests go to the built site."""
    return Client(headers=scene.site.headers)


def queries_for(client, url):
    client.get(url)  # renditions of newly added images are made on first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def richer_body(scene, copies):
    """The page's body with many more chooser blocks pointing at many more objects."""
    page = scene.procedure
    calls = [scene.page_call_to_action, scene.phone_call_to_action, CallToActionFactory()]
    testimonials = [TestimonialFactory() for _ in range(copies)]
    physicians = [PhysicianFactory() for _ in range(copies)]
    # The conditions an English page may link: its site's, in English, no alias; more of them.
    ConditionPageFactory.create_batch(copies, parent=scene.site.conditions)
    conditions = list(ConditionPage.objects.child_of(scene.site.conditions).live())
    extra = []
    for index in range(copies):
        extra += [
            ("call_to_action", {"call_to_action": calls[index % len(calls)].pk, "heading": ""}),
            ("testimonials", {"heading": "", "testimonials": [testimonials[index].pk]}),
            ("physicians", {"heading": "Team", "physicians": [physicians[index].pk]}),
            ("conditions_treated", {"heading": "Treats", "conditions": [c.pk for c in conditions]}),
        ]
    return list(page.body.raw_data) + [{"type": kind, "value": value} for kind, value in extra]


def test_procedure_detail_is_flat_in_blocks_and_relations(client, scene):
    page = scene.procedure
    url = f"/api/v2/pages/{page.pk}/"
    before = queries_for(client, url)
    assert before <= DETAIL_BUDGET

    page.body = richer_body(scene, copies=5)
    # Every condition the page may relate to: its site's, in its language, no alias.
    relatable = ConditionPage.objects.child_of(scene.site.conditions)
    for condition in relatable.exclude(procedure_links__page=page):
        ProcedureCondition.objects.create(page=page, condition=condition)
    site_locations = LocationPage.objects.child_of(scene.site.locations)
    for location in site_locations.exclude(services__procedure=page):
        LocationService.objects.create(page=location, procedure=page)
    page.save_revision().publish()

    assert queries_for(client, url) == before


def test_v3_procedure_detail_is_flat_too(client, scene):
    page = scene.procedure
    url = f"/api/v3/pages/{page.pk}/"
    before = queries_for(client, url)
    assert before <= DETAIL_BUDGET
    page.body = richer_body(scene, copies=4)
    page.save_revision().publish()
    assert queries_for(client, url) == before


def test_location_detail_is_flat_in_physicians_and_services(client, scene):
    location = scene.clinics[0]
    ProcedurePageFactory.create_batch(4, parent=scene.site.procedures)
    url = f"/api/v2/pages/{location.pk}/"
    before = queries_for(client, url)
    assert before <= DETAIL_BUDGET
    for _ in range(4):
        LocationPhysician.objects.create(page=location, physician=PhysicianFactory())
    site_procedures = ProcedurePage.objects.child_of(scene.site.procedures)
    for procedure in site_procedures.exclude(location_links__page=location):
        LocationService.objects.create(page=location, procedure=procedure)
    assert queries_for(client, url) == before


def test_listing_twenty_procedures_with_bodies_is_flat(client, scene):
    url = "/api/v2/pages/?type=procedures.ProcedurePage&fields=*&limit=20"
    parent = scene.site.procedures
    template = scene.procedure
    # A first page of a few procedures with bodies, then a full one of twenty.
    ProcedurePageFactory.create_batch(4, parent=parent, body=template.body.raw_data)
    before = queries_for(client, url)

    while ProcedurePage.objects.child_of(parent).live().count() < 20:
        ProcedurePageFactory(parent=parent, body=template.body.raw_data)

    after = queries_for(client, url)
    assert after <= LISTING_BUDGET
    assert after == before
