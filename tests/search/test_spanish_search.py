"""A Spanish visitor's search lists the Spanish pages of the site they are on, labelled in
Spanish."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.text import capfirst

from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from search.registry import searchable_models
from tests.builders import a_site, a_translation
from tests.search.helpers import searchable_now

pytestmark = pytest.mark.usefixtures("searchable")


@pytest.fixture
def network():
    """The site the visitor is on, in English and Spanish: a condition and a procedure
    about stenosis; searchable."""
    built = a_site()
    condition = ConditionPageFactory(
        parent=built.conditions, title="Spinal Stenosis", summary="A narrowing of the spinal canal."
    )
    procedure = ProcedurePageFactory(
        parent=built.procedures, title="Laminectomy", summary="Relieves spinal stenosis."
    )
    built.in_spanish()
    a_translation(
        condition,
        title="Estenosis espinal",
        slug="estenosis-espinal",
        summary="Un estrechamiento del canal espinal.",
    )
    a_translation(procedure, title="Laminectomía", summary="Alivia la estenosis espinal.")
    searchable_now()
    return built


@pytest.fixture
def affiliate():
    """Another site, with a Spanish page of its own about stenosis; searchable."""
    built = a_site()
    condition = ConditionPageFactory(
        parent=built.conditions,
        title="Lumbar Stenosis",
        slug="lumbar-stenosis",
        summary="A narrowing of the lower spinal canal.",
    )
    built.in_spanish()
    a_translation(condition, title="Estenosis lumbar", slug="estenosis-lumbar")
    searchable_now()
    return built


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


def test_spanish_results_are_spanish_pages_with_spanish_type_labels(client, network):
    response = client.get("/es/search/", {"q": "estenosis"}, headers=network.headers)
    found = results(response)
    assert found
    assert all(urlsplit(href).path.startswith("/es/") for href, _type in found)
    assert {hit.object.locale.language_code for hit in response.context["search_results"]} == {"es"}
    spanish_labels = type_labels("es")
    assert spanish_labels.isdisjoint(type_labels("en"))
    assert {label for _href, label in found} <= spanish_labels


def test_the_result_count_is_spanish(client, network):
    response = client.get("/es/search/", {"q": "estenosis"}, headers=network.headers)
    heading = BeautifulSoup(response.content, "html.parser").select_one("#results-heading")
    count = response.context["result_count"]
    with translation.override("es"):
        expected = translation.ngettext(
            "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", count
        ) % {"counter": count, "query": "estenosis"}
    assert " ".join(heading.get_text().split()) == expected


def test_english_results_are_english_pages_only(client, network):
    found = results(client.get("/search/", {"q": "stenosis"}, headers=network.headers))
    assert found
    assert not [href for href, _type in found if urlsplit(href).path.startswith("/es/")]
    assert {label for _href, label in found} <= type_labels("en")


def test_a_spanish_search_on_the_affiliate_site_lists_none_of_the_network_s_pages(
    client, network, affiliate
):
    found_on_network = results(
        client.get("/es/search/", {"q": "estenosis"}, headers=network.headers)
    )
    network_hrefs = {href for href, _type in found_on_network}
    found = results(client.get("/es/search/", {"q": "estenosis"}, headers=affiliate.headers))
    assert network_hrefs
    assert not network_hrefs & {href for href, _type in found}
    assert not [href for href, _type in found if urlsplit(href).netloc not in ("", affiliate.host)]
