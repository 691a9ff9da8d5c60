"""A page relates only to pages of its own site, in its own language, never to an alias: in the
admin's form, and for every other way of saving (API v3) through the model's clean."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import APIToken
from wagtail.test.utils.form_data import rich_text

from core.factories import CallToActionFactory
from locations.factories import LocationPageFactory
from locations.models import LocationPage, LocationService
from procedures.factories import ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from tests.builders import a_translation
from tests.core.helpers import procedure_form_data
from tests.procedures.helpers import a_treatment_shared_with_an_affiliate

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    return a_treatment_shared_with_an_affiliate()


@pytest.fixture
def network_condition(shared):
    return shared.condition


@pytest.fixture
def affiliate_alias(shared):
    return shared.condition_alias


@pytest.fixture
def spanish_condition(shared):
    shared.network.in_spanish()
    return a_translation(shared.condition)


@pytest.fixture
def network_procedure(shared):
    return shared.procedure


@pytest.fixture
def affiliate_only_procedure(shared):
    """A procedure the affiliate publishes itself: no alias of it on the network's site."""
    page = ProcedurePageFactory(parent=shared.affiliate.procedures, title="Lone Star Back Camp")
    page.save_revision().publish()
    return page


@pytest.fixture
def new_procedure_url(shared):
    """The admin's form for a new procedure on the network's site."""
    parent = shared.network.procedures
    return reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", parent.pk])


def relate_conditions(procedure, *conditions):
    procedure.condition_links = [ProcedureCondition(condition=c) for c in conditions]
    return procedure


def test_a_procedure_may_treat_its_own_sites_conditions(network_procedure, network_condition):
    relate_conditions(network_procedure, network_condition).full_clean()


def test_a_procedure_may_not_treat_another_sites_alias(network_procedure, affiliate_alias):
    with pytest.raises(ValidationError, match="Conditions treated: .*alias"):
        relate_conditions(network_procedure, affiliate_alias).full_clean()


def test_an_english_procedure_may_not_treat_a_spanish_condition(
    network_procedure, spanish_condition
):
    with pytest.raises(ValidationError, match="is in Español: choose a page in English"):
        relate_conditions(network_procedure, spanish_condition).full_clean()


def test_a_location_may_not_offer_another_sites_procedure(shared, affiliate_only_procedure):
    dallas = LocationPageFactory(parent=shared.network.locations, title="Dallas, Texas")
    dallas.services = [LocationService(procedure=affiliate_only_procedure)]
    with pytest.raises(ValidationError, match="belongs to another site"):
        dallas.full_clean()


def test_translations_and_the_affiliates_shared_content_keep_their_relations(shared):
    """A Spanish page keeps its source's relations until they are translated; the affiliate's
    location offers the network's procedures that its site shows through aliases."""
    shared.network.in_spanish()
    spanish_procedure = a_translation(shared.procedure)
    assert [link.condition for link in spanish_procedure.condition_links.all()] == [
        shared.condition
    ]
    spanish_procedure.full_clean()
    fort_worth = LocationPageFactory(parent=shared.affiliate.locations, title="Fort Worth, Texas")
    LocationService.objects.create(page=fort_worth, procedure=shared.procedure)
    affiliate_locations = LocationPage.objects.descendant_of(shared.affiliate.home)
    assert affiliate_locations.filter(services__isnull=False).exists()
    for location in affiliate_locations:
        location.full_clean()


def test_the_admin_names_the_refused_condition_and_saves_nothing(
    admin_client, affiliate_alias, new_procedure_url
):
    data = procedure_form_data(affiliate_alias, CallToActionFactory())

    response = admin_client.post(new_procedure_url, data)

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").find_all(class_="error-message")
    assert any("is an alias of another page" in error.get_text() for error in errors)
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


def test_api_v3_refuses_a_relation_to_an_alias(client, superuser, shared, affiliate_alias):
    token = APIToken.create_token(user=superuser, name="integration")[1]
    parent = shared.network.procedures
    payload = {
        "meta": {"type": "procedures.ProcedurePage", "parent_id": parent.pk},
        "title": "Endoscopic Discectomy",
        "slug": "endoscopic-discectomy",
        "summary": "Removes herniated disc material through a tiny incision.",
        "introduction": "<p>An endoscopic discectomy removes disc fragments.</p>",
        "procedure_type": "minimally_invasive",
        "body_region": "lumbar",
        "condition_links": [{"condition_id": affiliate_alias.pk}],
    }

    response = client.post(
        "/api/v3/pages/",
        data=json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )

    assert 400 <= response.status_code < 500, response.content
    assert "alias" in response.content.decode()
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


def test_a_body_block_may_not_list_another_sites_alias(network_procedure, affiliate_alias):
    network_procedure.body = [
        ("conditions_treated", {"heading": "What it treats", "conditions": [affiliate_alias]})
    ]
    with pytest.raises(ValidationError, match="Body: .*alias"):
        network_procedure.full_clean()


def test_the_page_editor_refuses_a_body_block_listing_an_alias(
    admin_client, affiliate_alias, new_procedure_url
):
    network_condition = ConditionPage.objects.get(pk=affiliate_alias.alias_of_id)
    data = procedure_form_data(network_condition, CallToActionFactory())
    data.update(
        {
            "body-count": "1",
            "body-0-type": "conditions_treated",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-value-heading": "What it treats",
            "body-0-value-intro": rich_text(""),
            "body-0-value-conditions-count": "1",
            "body-0-value-conditions-0-value": str(affiliate_alias.pk),
            "body-0-value-conditions-0-deleted": "",
            "body-0-value-conditions-0-order": "0",
            "body-0-value-conditions-0-id": "",
        }
    )
    data = {key: value for key, value in data.items() if not key.startswith("body-1")}

    response = admin_client.post(new_procedure_url, data)

    assert response.status_code == 200
    assert "is an alias of another page" in response.text
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()
