"""What apps register for serialization adds up along a model's bases."""

import pytest

from locations.models import LocationPage
from procedures.models import ProcedurePage
from serialization.registry import related, serialization_of
from serialization.representation import page_card

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def test_a_listed_page_has_the_mixins_image_and_its_own_loaders():
    procedure = serialization_of(ProcedurePage)
    assert procedure.image_fields == ("hero_image",)
    assert procedure.related_pages and procedure.prefetch
    assert set(procedure.relations) == {"conditions", "locations"}


def test_a_card_starts_with_the_listing_fields_and_adds_the_types_own():
    procedure = ProcedurePage.objects.live().first()
    card = page_card(procedure)
    assert list(card)[:7] == ["id", "type", "title", "url", "locale", "summary", "image"]
    assert card["procedure_type"] == procedure.procedure_type
    location_card = page_card(LocationPage.objects.live().first())
    assert "procedure_type" not in location_card
    assert location_card["phone"]["e164"]


def test_a_page_not_saved_yet_has_no_relations_to_follow():
    assert related(ProcedurePage(title="Draft"), "locations") is None
    assert related(None, "locations") is None
    saved = ProcedurePage.objects.live().first()
    assert list(related(saved, "locations")) == list(saved.listed_locations())
