"""Autocomplete JSON at /search/suggest/."""

import pytest

pytestmark = [pytest.mark.usefixtures("searchable"), pytest.mark.demo_content]


def test_suggests_titles_as_the_visitor_types(client):
    response = client.get("/search/suggest/", {"q": "micro"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {
        "title": "Microdiscectomy",
        "type": "Procedure",
        "url": "/procedures/microdiscectomy/",
    } in suggestions


def test_suggests_locations_by_city_prefix(client):
    titles = [
        item["title"] for item in client.get("/search/suggest/", {"q": "pho"}).json()["suggestions"]
    ]
    assert "Phoenix, Arizona" in titles


@pytest.mark.parametrize("query", ["", "   ", "<script>", '"', "x" * 1000])
def test_odd_input_gives_json_not_errors(client, query):
    response = client.get("/search/suggest/", {"q": query})
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["suggestions"], list)
    assert len(body["query"]) <= 256
