"""A page relates only to pages of its own site, in its own language, never to an alias: in the
admin's form, and for every other way of saving (API v3) through the model's clean."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import APIToken, Site
from wagtail.test.utils.form_data import rich_text

from core.models import CallToAction
from locations.models import LocationPage, LocationService
from procedures.factories import ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedureIndexPage, ProcedurePage
from tests.core.helpers import procedure_form_data
from tests.helpers import default_site

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

AFFILIATE = "affiliate.localhost"


def affiliate_site():
    return Site.objects.get(hostname=AFFILIATE)


def herniated_disc(**filters):
    return ConditionPage.objects.get(slug="herniated-disc", **filters)


@pytest.fixture
def network_condition():
    return herniated_disc(locale__language_code="en", alias_of=None)


@pytest.fixture
def affiliate_alias(network_condition):
    return ConditionPage.objects.descendant_of(affiliate_site().root_page).get(
        alias_of=network_condition
    )


@pytest.fixture
def spanish_condition():
    return ConditionPage.objects.filter(locale__language_code="es").first()


@pytest.fixture
def network_procedure():
    return ProcedurePage.objects.get(
        slug="microdiscectomy", locale__language_code="en", alias_of=None
    )


@pytest.fixture
def affiliate_only_procedure():
    """A procedure the affiliate publishes itself: no alias of it on the network's site."""
    index = ProcedureIndexPage.objects.descendant_of(affiliate_site().root_page).get()
    page = ProcedurePageFactory(parent=index, title="Lone Star Back Camp")
    page.save_revision().publish()
    return page


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


def test_a_location_may_not_offer_another_sites_procedure(affiliate_only_procedure):
    dallas = LocationPage.objects.get(slug="dallas-tx", locale__language_code="en")
    dallas.services = [LocationService(procedure=affiliate_only_procedure)]
    with pytest.raises(ValidationError, match="belongs to another site"):
        dallas.full_clean()


def test_translations_and_the_affiliates_shared_content_keep_their_relations():
    """A Spanish page keeps its source's relations until they are translated; the affiliate's
    location offers the network's procedures that its site shows through aliases."""
    spanish_procedure = ProcedurePage.objects.get(
        slug="foraminotomia-lumbar", locale__language_code="es"
    )
    spanish_procedure.full_clean()
    affiliate_locations = LocationPage.objects.descendant_of(affiliate_site().root_page)
    assert affiliate_locations.filter(services__isnull=False).exists()
    for location in affiliate_locations:
        location.full_clean()


def test_the_admin_names_the_refused_condition_and_saves_nothing(admin_client, affiliate_alias):
    parent = ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en")
    add_url = reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", parent.pk])
    data = procedure_form_data(affiliate_alias, CallToAction.objects.first())

    response = admin_client.post(add_url, data)

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").find_all(class_="error-message")
    assert any("is an alias of another page" in error.get_text() for error in errors)
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


def test_api_v3_refuses_a_relation_to_an_alias(client, superuser, affiliate_alias):
    token = APIToken.create_token(user=superuser, name="integration")[1]
    parent = ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en")
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


def test_the_page_editor_refuses_a_body_block_listing_an_alias(admin_client, affiliate_alias):
    parent = ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en")
    add_url = reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", parent.pk])
    network_condition = ConditionPage.objects.get(pk=affiliate_alias.alias_of_id)
    data = procedure_form_data(network_condition, CallToAction.objects.first())
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

    response = admin_client.post(add_url, data)

    assert response.status_code == 200
    assert "is an alias of another page" in response.text
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()
