"""The site search answers on the database backend and survives odd input."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("main ol a, main ul a")]


def test_finds_the_procedure_by_name(client):
    response = client.get("/search/", {"q": "foraminotomy"})
    assert response.status_code == 200
    assert any("Lumbar Foraminotomy" in title for title in result_titles(response))


def test_empty_query_shows_the_form_without_results(client):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["search_query"] == ""
    assert BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "q"})


@pytest.mark.parametrize(
    "query",
    ['"stenosis', "stenosis OR 1=1; DROP TABLE wagtailcore_page; --", "<script>alert(1)</script>"],
)
def test_odd_queries_are_harmless_and_escaped(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_overlong_query_is_trimmed_with_a_message(client):
    response = client.get("/search/", {"q": "stenosis " * 60})
    assert response.status_code == 200
    assert response.context["query_trimmed"]
    assert len(response.context["search_query"]) <= 256


@pytest.mark.parametrize("page_number", ["999", "abc", "-1"])
def test_out_of_range_page_numbers_never_fail(client, page_number):
    response = client.get("/search/", {"q": "pain", "page": page_number})
    assert response.status_code == 200
