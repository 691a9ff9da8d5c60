"""The location list block: chosen locations, or the ones the page implies."""

import pytest
from wagtail.models import Locale

from locations.blocks import LocationListBlock
from locations.models import LocationPage
from procedures.models import ProcedurePage
from tests.helpers import default_site

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def test_location_list_defaults_to_the_locations_offering_the_procedure():
    procedure = ProcedurePage.objects.filter(location_links__isnull=False).first()
    block = LocationListBlock()
    html = block.render(
        block.to_python({"heading": "Facilities", "locations": []}), {"page": procedure}
    )
    offering = list(procedure.listed_locations())
    assert offering
    for location in offering:
        assert location.title in html
    others = LocationPage.objects.filter(locale=procedure.locale).exclude(
        pk__in=[loc.pk for loc in offering]
    )
    for location in others:
        assert location.title not in html


def test_an_empty_location_list_elsewhere_lists_the_site_locations_in_the_page_language():
    home = default_site().root_page.specific
    block = LocationListBlock()
    value = block.to_python({"heading": "Facilities", "locations": []})
    english = block.render(value, {"page": home})
    assert "/locations/atlanta-ga/" in english
    assert "fort-worth-tx" not in english  # the affiliate site's clinic
    assert "/es/centros/" not in english
    spanish = block.render(
        value, {"page": home.get_translation(Locale.objects.get(language_code="es"))}
    )
    assert "/es/centros/dallas-tx/" in spanish
    assert "/locations/" not in spanish
