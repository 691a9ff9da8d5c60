"""The search cluster is down: every search says so with a 503, never a 500 or "no results".

The site is built on the configured backend; then the settings point the site
search at an OpenSearch cluster on a loopback port where nothing listens, so
the real opensearch-py client fails as it does when the cluster is down.
"""

import socket

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from cms.settings.search import search_backends
from procedures.factories import ConditionPageFactory
from tests.builders import a_site, a_translation
from tests.search.helpers import searchable_now

pytestmark = pytest.mark.usefixtures("searchable")


def closed_port():
    """A loopback port that nothing listens on (bound once, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site():
    built = a_site()
    stenosis = ConditionPageFactory(parent=built.conditions, title="Spinal Stenosis")
    built.in_spanish()
    a_translation(stenosis, title="Estenosis espinal", slug="estenosis-espinal")
    searchable_now()
    return built


@pytest.fixture
def cluster_down(site, settings):
    """SEARCH_BACKEND=opensearch with SEARCH_URLS naming a closed port, as from the environment."""
    urls = [f"http://127.0.0.1:{closed_port()}"]
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URLS = urls
    settings.WAGTAILSEARCH_BACKENDS = search_backends("opensearch", urls, "test_outage_")
    return site


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "query", "heading"),
    [
        ("/search/", "stenosis", "Search is not working right now"),
        ("/es/search/", "estenosis", "La búsqueda no funciona en este momento"),
    ],
)
def test_the_search_page_says_search_is_unavailable_and_keeps_the_query(
    client, cluster_down, path, query, heading
):
    response = client.get(path, {"q": query}, headers=cluster_down.headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "q"})["value"] == query
    assert soup.select_one("#results-heading").get_text(strip=True) == heading
    assert soup.select_one("[data-search-unavailable]").get_text(strip=True)


def test_the_empty_search_page_needs_no_engine(client, cluster_down):
    response = client.get("/search/", headers=cluster_down.headers)
    assert response.status_code == 200


def test_suggestions_are_a_json_503(client, cluster_down):
    response = client.get("/search/suggest/", {"q": "sten"}, headers=cluster_down.headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.json()
    assert body["suggestions"] == []
    assert body["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "testimonials"])
def test_v2_search_is_a_json_503(client, cluster_down, endpoint):
    response = client.get(
        f"/api/v2/{endpoint}/", {"search": "stenosis"}, headers=cluster_down.headers
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json()["message"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_v3_search_is_a_problem_503(client, cluster_down, endpoint):
    response = client.get(
        f"/api/v3/{endpoint}/", {"search": "stenosis"}, headers=cluster_down.headers
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"]
