"""A Spanish visitor's search lists the Spanish pages of the site they are on, labelled in
Spanish."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.text import capfirst

from search.registry import searchable_models

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

AFFILIATE = "affiliate.localhost"


def results(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".search-result__title a")["href"],
            item.select_one(".search-result__type").get_text(strip=True),
        )
        for item in soup.select(".search-results__list .search-result")
    ]


def type_labels(language):
    # The page type that tests/pagetypes defines has no Spanish catalogue of its own.
    product_models = [m for m in searchable_models() if not m.__module__.startswith("tests.")]
    with translation.override(language):
        return {str(capfirst(model.search_result_type_label)) for model in product_models}


def test_spanish_results_are_spanish_pages_with_spanish_type_labels(client):
    response = client.get("/es/search/", {"q": "estenosis"})
    found = results(response)
    assert found
    assert all(urlsplit(href).path.startswith("/es/") for href, _type in found)
    assert {hit.object.locale.language_code for hit in response.context["search_results"]} == {"es"}
    spanish_labels = type_labels("es")
    assert spanish_labels.isdisjoint(type_labels("en"))
    assert {label for _href, label in found} <= spanish_labels


def test_the_result_count_is_spanish(client):
    response = client.get("/es/search/", {"q": "estenosis"})
    heading = BeautifulSoup(response.content, "html.parser").select_one("#results-heading")
    count = response.context["result_count"]
    with translation.override("es"):
        expected = translation.ngettext(
            "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", count
        ) % {"counter": count, "query": "estenosis"}
    assert " ".join(heading.get_text().split()) == expected


def test_english_results_are_english_pages_only(client):
    found = results(client.get("/search/", {"q": "stenosis"}))
    assert found
    assert not [href for href, _type in found if urlsplit(href).path.startswith("/es/")]
    assert {label for _href, label in found} <= type_labels("en")


def test_a_spanish_search_on_the_affiliate_site_lists_none_of_the_network_s_pages(client):
    network = {href for href, _type in results(client.get("/es/search/", {"q": "estenosis"}))}
    affiliate = results(client.get("/es/search/", {"q": "estenosis"}, headers={"host": AFFILIATE}))
    assert network
    assert not network & {href for href, _type in affiliate}
    assert not [href for href, _type in affiliate if urlsplit(href).netloc not in ("", AFFILIATE)]
