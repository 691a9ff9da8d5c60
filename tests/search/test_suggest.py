"""Autocomplete JSON at /search/suggest/."""

import pytest

from locations.factories import LocationPageFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site
from tests.search.helpers import searchable_now

pytestmark = pytest.mark.usefixtures("searchable")


@pytest.fixture
def site():
    """A site with two procedures and two clinics, searchable."""
    built = a_site()
    ProcedurePageFactory(parent=built.procedures, title="Microdiscectomy", slug="microdiscectomy")
    ProcedurePageFactory(parent=built.procedures, title="Laminectomy")
    LocationPageFactory(parent=built.locations, title="Phoenix, Arizona", city="Phoenix")
    LocationPageFactory(parent=built.locations, title="Dallas, Texas", city="Dallas")
    searchable_now()
    return built


def test_suggests_titles_as_the_visitor_types(client, site):
    response = client.get("/search/suggest/", {"q": "micro"}, headers=site.headers)
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {
        "title": "Microdiscectomy",
        "type": "Procedure",
        "url": "/procedures/microdiscectomy/",
    } in suggestions


def test_suggests_locations_by_city_prefix(client, site):
    response = client.get("/search/suggest/", {"q": "pho"}, headers=site.headers)
    titles = [item["title"] for item in response.json()["suggestions"]]
    assert "Phoenix, Arizona" in titles
    assert "Dallas, Texas" not in titles


@pytest.mark.parametrize("query", ["", "   ", "<script>", '"', "x" * 1000, "\x00", "disc\x00"])
def test_odd_input_gives_json_not_errors(client, site, query):
    response = client.get("/search/suggest/", {"q": query}, headers=site.headers)
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["suggestions"], list)
    assert len(body["query"]) <= 256
