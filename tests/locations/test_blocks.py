"""The location list block: chosen locations, or the ones the page implies."""

import pytest

from locations.blocks import LocationListBlock
from locations.factories import LocationPageFactory
from locations.models import LocationService
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, a_translation

pytestmark = pytest.mark.django_db


def test_location_list_defaults_to_the_locations_offering_the_procedure():
    site = a_site()
    procedure = ProcedurePageFactory(parent=site.procedures)
    offering = [
        LocationPageFactory(parent=site.locations, title=title) for title in ("Austin", "Tyler")
    ]
    other = LocationPageFactory(parent=site.locations, title="Waco")
    for location in offering:
        LocationService.objects.create(page=location, procedure=procedure)
    block = LocationListBlock()
    html = block.render(
        block.to_python({"heading": "Facilities", "locations": []}), {"page": procedure}
    )
    assert list(procedure.listed_locations()) == offering
    for location in offering:
        assert location.title in html
    assert other.title not in html


def test_an_empty_location_list_elsewhere_lists_the_site_locations_in_the_page_language():
    site = a_site()
    LocationPageFactory(parent=site.locations, slug="atlanta-ga")
    dallas = LocationPageFactory(parent=site.locations, slug="dallas-tx")
    affiliate = a_site()
    LocationPageFactory(parent=affiliate.locations, slug="fort-worth-tx")
    spanish_site = site.in_spanish()
    a_translation(dallas)
    block = LocationListBlock()
    value = block.to_python({"heading": "Facilities", "locations": []})
    english = block.render(value, {"page": site.home})
    assert "/locations/atlanta-ga/" in english
    assert "/locations/dallas-tx/" in english
    assert "fort-worth-tx" not in english  # the other site's clinic
    assert "/es/centros/" not in english
    spanish = block.render(value, {"page": spanish_site.home})
    assert "/es/centros/dallas-tx/" in spanish
    assert "/locations/" not in spanish
