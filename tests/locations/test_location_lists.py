"""An empty location list on the home page shows the site's locations, a page of them at most.

A network of hundreds of clinics must not turn the home page into a directory:
the first locations by name are shown, with a link to the full list.
"""

import pytest

from locations import blocks as location_blocks
from locations.factories import LocationPageFactory
from tests.builders import a_site, a_translation, published, stream

pytestmark = pytest.mark.django_db

LOCATION_TITLES = ["Austin, Texas", "Houston, Texas", "Plano, Texas"]


@pytest.fixture
def site():
    """A site whose home page shows an empty location list, with three locations."""
    built = a_site()
    published(built.home, body=stream("locations", {"heading": "Our clinics", "locations": []}))
    for title in reversed(LOCATION_TITLES):
        LocationPageFactory(parent=built.locations, title=title)
    return built


def test_home_shows_the_first_locations_and_links_to_all_of_them(client, monkeypatch, site):
    monkeypatch.setattr(location_blocks, "LISTED_LOCATIONS_LIMIT", 2)
    first, second, third = LOCATION_TITLES

    html = client.get("/", headers=site.headers).content.decode()

    assert first in html and second in html and third not in html
    index_url = site.locations.relative_url(site.site)
    assert f'href="{index_url}">See all locations</a>' in html


def test_spanish_home_links_to_the_spanish_location_list(client, monkeypatch, site):
    monkeypatch.setattr(location_blocks, "LISTED_LOCATIONS_LIMIT", 1)
    spanish_site = site.in_spanish()
    for location in site.locations.get_children()[:2]:
        a_translation(location)
    html = client.get("/es/", headers=site.headers).content.decode()
    spanish_url = spanish_site.locations.relative_url(site.site)
    assert spanish_url.startswith("/es/")
    assert f'href="{spanish_url}">Ver todos los centros</a>' in html


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_home_json_gives_the_first_locations_and_says_there_are_more(
    client, monkeypatch, site, version
):
    monkeypatch.setattr(location_blocks, "LISTED_LOCATIONS_LIMIT", 2)
    data = client.get(f"/api/{version}/pages/{site.home.pk}/", headers=site.headers).json()
    [block] = [b["value"] for b in data["body"] if b["type"] == "locations"]
    assert [card["title"] for card in block["locations"]] == LOCATION_TITLES[:2]
    assert block["more_locations"] is True


def test_no_link_when_every_location_is_listed(client, site):
    html = client.get("/", headers=site.headers).content.decode()
    assert all(title in html for title in LOCATION_TITLES)
    assert "See all locations" not in html
