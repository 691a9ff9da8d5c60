"""An empty location list on the home page shows the site's locations, a page of them at most.

A network of hundreds of clinics must not turn the home page into a directory:
the first locations by name are shown, with a link to the full list.
"""

import pytest
from wagtail.models import Locale, Site

from locations import blocks as location_blocks
from locations.models import LocationIndexPage, LocationPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def site_locations(home):
    return LocationPage.objects.live().descendant_of(home).filter(locale=home.locale)


def test_home_shows_the_first_locations_and_links_to_all_of_them(
    client, monkeypatch, home, site_locations
):
    monkeypatch.setattr(location_blocks, "LISTED_LOCATIONS_LIMIT", 2)
    assert site_locations.count() > 2
    first, second, third = site_locations.order_by("title")[:3]

    html = client.get("/").content.decode()

    assert first.title in html and second.title in html and third.title not in html
    index = LocationIndexPage.objects.live().descendant_of(home).get(locale=home.locale)
    assert f'href="{index.relative_url(home.get_site())}">See all locations</a>' in html


def test_spanish_home_links_to_the_spanish_location_list(client, monkeypatch, home):
    monkeypatch.setattr(location_blocks, "LISTED_LOCATIONS_LIMIT", 1)
    spanish = Locale.objects.get(language_code="es")
    untranslated = (
        LocationPage.objects.live()
        .filter(locale=home.locale)
        .exclude(
            translation_key__in=LocationPage.objects.filter(locale=spanish).values(
                "translation_key"
            )
        )
    )
    untranslated.first().copy_for_translation(spanish).save_revision().publish()
    spanish_index = LocationIndexPage.objects.live().child_of(home.get_translation(spanish)).get()
    assert LocationPage.objects.live().child_of(spanish_index).count() > 1
    html = client.get("/es/").content.decode()
    spanish_url = spanish_index.relative_url(home.get_site())
    assert f'href="{spanish_url}">Ver todos los centros</a>' in html


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_home_json_gives_the_first_locations_and_says_there_are_more(
    client, monkeypatch, home, site_locations, version
):
    monkeypatch.setattr(location_blocks, "LISTED_LOCATIONS_LIMIT", 2)
    data = client.get(f"/api/{version}/pages/{home.pk}/").json()
    [block] = [b["value"] for b in data["body"] if b["type"] == "locations"]
    expected = list(site_locations.order_by("title").values_list("title", flat=True)[:2])
    assert [card["title"] for card in block["locations"]] == expected
    assert block["more_locations"] is True


def test_no_link_when_every_location_is_listed(client, site_locations):
    html = client.get("/").content.decode()
    assert all(location.title in html for location in site_locations)
    assert "See all locations" not in html
