"""What apps register for serialization adds up along a model's bases."""

import pytest

from locations.factories import LocationPageFactory
from locations.models import LocationService
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedurePage
from serialization.registry import related, serialization_of
from serialization.representation import page_card
from tests.builders import a_site

pytestmark = pytest.mark.django_db


def test_a_listed_page_has_the_mixins_image_and_its_own_loaders():
    procedure = serialization_of(ProcedurePage)
    assert procedure.image_fields == ("hero_image",)
    assert procedure.related_pages and procedure.prefetch
    assert set(procedure.relations) == {"conditions", "locations"}


def test_a_card_starts_with_the_listing_fields_and_adds_the_types_own():
    site = a_site()
    procedure = ProcedurePageFactory(
        parent=site.procedures, procedure_type=ProcedurePage.ProcedureType.NON_SURGICAL
    )
    card = page_card(procedure)
    assert list(card)[:7] == ["id", "type", "title", "url", "locale", "summary", "image"]
    assert card["procedure_type"] == ProcedurePage.ProcedureType.NON_SURGICAL
    location = LocationPageFactory(parent=site.locations, main_phone="+12145550123")
    location_card = page_card(location)
    assert "procedure_type" not in location_card
    assert location_card["phone"]["e164"] == "+12145550123"


def test_a_page_not_saved_yet_has_no_relations_to_follow():
    assert related(ProcedurePage(title="Draft"), "locations") is None
    assert related(None, "locations") is None
    site = a_site()
    saved = ProcedurePageFactory(parent=site.procedures)
    location = LocationPageFactory(parent=site.locations)
    LocationService.objects.create(page=location, procedure=saved)
    assert list(related(saved, "locations")) == list(saved.listed_locations()) == [location]
