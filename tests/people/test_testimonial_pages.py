"""A testimonial names its condition, procedure and clinic in its own language, never as an
alias: refused on the field by the model and by an API v3 write (docs/content-scope.md)."""

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import APIToken

from locations.factories import LocationPageFactory
from people.factories import TestimonialFactory
from people.models import Testimonial
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from tests.builders import a_site, a_translation, spanish
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    """A site in English and Spanish with a condition, a procedure and a location each, and
    the procedure's alias on a second site."""
    built = a_site()
    built.in_spanish()
    built.condition = ConditionPageFactory(parent=built.conditions, title="Spinal Stenosis")
    built.procedure = ProcedurePageFactory(parent=built.procedures, title="Laminectomy")
    built.location = LocationPageFactory(parent=built.locations, title="Dallas, Texas")
    built.spanish_condition = a_translation(built.condition, slug="estenosis-espinal")
    built.spanish_procedure = a_translation(built.procedure, slug="laminectomia")
    built.spanish_location = a_translation(built.location, slug="dallas-tx")
    built.alias = built.procedure.create_alias(parent=a_site().procedures)
    return built


def test_pages_in_its_own_language_are_accepted(network):
    TestimonialFactory.build(
        condition=network.condition, procedure=network.procedure, location=network.location
    ).full_clean()
    TestimonialFactory.build(
        locale=spanish(),
        condition=network.spanish_condition,
        procedure=network.spanish_procedure,
        location=network.spanish_location,
    ).full_clean()


def test_pages_in_another_language_are_refused_each_on_its_field(network):
    testimonial = TestimonialFactory.build(
        condition=network.spanish_condition,
        procedure=network.spanish_procedure,
        location=network.spanish_location,
    )

    with pytest.raises(ValidationError) as excinfo:
        testimonial.full_clean()
    assert error_fields(excinfo) == {"condition", "procedure", "location"}


def test_an_alias_is_refused_for_its_original(network):
    testimonial = TestimonialFactory.build(procedure=network.alias)

    with pytest.raises(ValidationError) as excinfo:
        testimonial.full_clean()
    assert "choose the original page" in excinfo.value.message_dict["procedure"][0]


def test_a_translation_keeps_the_pages_its_source_names(network):
    source = TestimonialFactory(condition=network.condition, procedure=network.procedure)

    translation = source.copy_for_translation(spanish())
    translation.live = False  # a draft, until its disclosure is translated
    translation.save()

    translation.full_clean()
    translation.condition = ConditionPageFactory(parent=network.conditions, title="Sciatica")
    with pytest.raises(ValidationError) as excinfo:
        translation.full_clean()
    assert error_fields(excinfo) == {"condition"}


def test_an_api_v3_write_is_refused_naming_the_field(client, admin_user, network):
    token = APIToken.create_token(user=admin_user, name="integration")[1]

    response = client.post(
        "/api/v3/snippets/people.Testimonial/",
        data=json.dumps(
            {
                "meta": {"type": "people.Testimonial"},
                "display_name": "Rosa M.",
                "headline_quote": "I walk without pain.",
                "condition_id": network.spanish_condition.pk,
            }
        ),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )

    assert response.status_code == 422, response.content
    assert [error["loc"] for error in response.json()["errors"]] == [["condition"]]
    assert not Testimonial.objects.filter(display_name="Rosa M.").exists()
