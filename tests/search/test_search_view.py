"""The site search page: results across content types, and odd input."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from locations.factories import LocationPageFactory
from locations.models import LocationPage, LocationPhysician
from people.factories import PhysicianFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage
from tests.builders import a_site, a_translation
from tests.search.helpers import searchable_now

pytestmark = pytest.mark.usefixtures("searchable")


@pytest.fixture
def site():
    """A site in English and Spanish: procedures, conditions, a clinic and its physician."""
    built = a_site()
    ProcedurePageFactory(
        parent=built.procedures,
        title="Cervical Foraminotomy",
        slug="cervical-foraminotomy",
        summary="Relieves arm pain and numbness caused by a pinched nerve in the neck.",
    )
    ProcedurePageFactory(
        parent=built.procedures,
        title="Lumbar Foraminotomy",
        summary="Widens the opening where a nerve leaves the lower spine.",
    )
    for number in range(12):
        ProcedurePageFactory(
            parent=built.procedures,
            title=f"Disc procedure {number}",
            summary="Eases back pain from a worn spine disc.",
        )
    stenosis = ConditionPageFactory(
        parent=built.conditions,
        title="Spinal Stenosis",
        slug="spinal-stenosis",
        summary="A narrowing of the spinal canal.",
    )
    dallas = LocationPageFactory(
        parent=built.locations, title="Dallas, Texas", slug="dallas-tx", city="Dallas"
    )
    LocationPhysician.objects.create(
        page=dallas,
        physician=PhysicianFactory(name="Michael Hargrove", specialties="Spine surgery in Dallas"),
    )
    built.in_spanish()
    a_translation(stenosis, title="Estenosis espinal", slug="estenosis-espinal")
    searchable_now()
    return built


@pytest.fixture
def client(site):
    """A test client whose requests go to the built site."""
    return Client(headers=site.headers)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def results(response):
    """(title, type, summary HTML, link) of each listed result, promoted ones first."""
    return [
        (
            item.select_one(".search-result__title").get_text(strip=True),
            item.select_one(".search-result__type").get_text(strip=True),
            str(item.select_one(".search-result__summary") or ""),
            item.select_one("a")["href"],
        )
        for item in soup_of(response).select("li.search-result")
    ]


def test_finds_the_procedure_by_name_with_type_link_and_highlighted_summary(client):
    response = client.get("/search/", {"q": "foraminotomy for neck numbness"})
    assert response.status_code == 200
    found = {title: (kind, summary, link) for title, kind, summary, link in results(response)}
    kind, summary, link = found["Cervical Foraminotomy"]
    assert kind == "Procedure"
    assert link == "/procedures/cervical-foraminotomy/"
    assert "<mark>neck</mark>" in summary
    assert "<mark>numbness</mark>" in summary


def test_lists_conditions_locations_and_physicians_with_their_types(client):
    kinds = {
        kind for _title, kind, _summary, _link in results(client.get("/search/", {"q": "Dallas"}))
    }
    assert {"Location", "Physician"} <= kinds
    kinds = {
        kind for _title, kind, _summary, _link in results(client.get("/search/", {"q": "stenosis"}))
    }
    assert "Condition" in kinds


def test_a_physician_result_leads_to_where_they_practise(client):
    found = results(client.get("/search/", {"q": "Hargrove"}))
    title, kind, _summary, link = found[0]
    assert title.startswith("Michael Hargrove")
    assert kind == "Physician"
    assert client.get(link).status_code == 200
    assert link in {page.get_url_parts()[2] for page in LocationPage.objects.live()}
    assert link == "/locations/dallas-tx/"


def test_editors_promotions_come_first(client, site):
    dallas = LocationPage.objects.child_of(site.locations).get(city="Dallas")
    query = Query.get("stenosis")
    SearchPromotion.objects.create(query=query, page=dallas, description="Our stenosis clinic")
    found = results(client.get("/search/", {"q": "Stenosis "}))
    assert found[0][0] == "Dallas, Texas"
    assert found[0][1] == "Recommended"
    assert [title for title, *_ in found].count("Dallas, Texas") == 1
    assert "Spinal Stenosis" in [title for title, *_ in found[1:]]


def test_results_are_in_the_visitors_locale_only(client):
    english = [title for title, *_ in results(client.get("/search/", {"q": "estenosis"}))]
    assert "Estenosis espinal" not in english
    response = client.get("/es/search/", {"q": "estenosis espinal"})
    spanish = [title for title, *_ in results(response)]
    assert spanish[0] == "Estenosis espinal"
    assert "Spinal Stenosis" not in spanish


def test_empty_query_shows_help_without_searching(client):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["search_query"] == ""
    soup = soup_of(response)
    assert soup.find("input", attrs={"name": "q"})
    assert not soup.select("li.search-result")
    assert "for example a procedure" in soup.get_text()


@pytest.mark.parametrize(
    "query",
    [
        '"stenosis',
        "stenosis AND NOT disc",
        "stenosis OR 1=1; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "' OR ''='",
        "disc*  (neck) +arm -leg ~",
        "\x00",
        "stenosis\x00",
    ],
)
def test_odd_queries_are_harmless_and_escaped(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_a_nul_in_the_query_is_read_as_a_space(client):
    response = client.get("/search/", {"q": "spinal\x00stenosis"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "q"})["value"] == "spinal stenosis"
    assert results(response) == results(client.get("/search/", {"q": "spinal stenosis"}))
    assert results(response)


def test_query_html_is_shown_as_text(client):
    response = client.get("/search/", {"q": "<b>stenosis</b>"})
    assert b"&lt;b&gt;stenosis&lt;/b&gt;" in response.content


def test_overlong_query_is_trimmed_with_a_message(client):
    response = client.get("/search/", {"q": "stenosis " * 60})
    assert response.status_code == 200
    assert response.context["query_trimmed"]
    assert len(response.context["search_query"]) <= 256
    assert "only its first 256 characters" in soup_of(response).get_text()
    assert results(response)


def test_results_are_paginated(client):
    first = client.get("/search/", {"q": "pain spine disc"})
    assert first.context["result_count"] > 10
    assert len(results(first)) == 10
    second = client.get("/search/", {"q": "pain spine disc", "page": 2})
    assert second.context["search_results"].number == 2
    assert not {r[0] for r in results(first)} & {r[0] for r in results(second)}


@pytest.mark.parametrize("page_number", ["999", "abc", "-1", "0", "1e9"])
def test_out_of_range_page_numbers_never_fail(client, page_number):
    response = client.get("/search/", {"q": "pain", "page": page_number})
    assert response.status_code == 200
    page = response.context["search_results"]
    assert page.number in {1, page.paginator.num_pages}


def test_a_misspelling_finds_the_page_it_meant(client):
    found = [title for title, *_ in results(client.get("/search/", {"q": "foramenotomy"}))]
    assert "Lumbar Foraminotomy" in found[:3]


def test_a_pick_shows_on_the_site_and_in_the_language_a_result_would(client, site):
    """Picks belong to no site: another brand's pick is not shown here, a shared page is shown
    as this site's alias, and a Spanish visitor gets the picked page's Spanish version."""
    stenosis = ConditionPage.objects.child_of(site.conditions).get(slug="spinal-stenosis")
    other_brand = a_site()
    elsewhere = ConditionPageFactory(parent=other_brand.conditions, title="Their Stenosis Clinic")
    shared = ConditionPageFactory(parent=other_brand.conditions, title="Shared Stenosis Guide")
    shared_here = shared.create_alias(parent=site.conditions, update_slug="shared-stenosis-guide")
    query = Query.get("stenosis")
    for page in (elsewhere, shared, stenosis):
        SearchPromotion.objects.create(query=query, page=page, description="Picked")

    promoted = [
        (title, link)
        for title, kind, _s, link in results(client.get("/search/", {"q": "stenosis"}))
        if kind == "Recommended"
    ]
    assert promoted == [
        ("Shared Stenosis Guide", shared_here.relative_url(site.site)),
        ("Spinal Stenosis", "/conditions/spinal-stenosis/"),
    ]
    spanish = [
        (title, link)
        for title, kind, _s, link in results(client.get("/es/search/", {"q": "stenosis"}))
        if kind == "Recomendado"
    ]
    assert spanish == [("Estenosis espinal", "/es/condiciones/estenosis-espinal/")]
