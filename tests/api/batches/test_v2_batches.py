"""Fewer calls (#16): several pages by id, or pages in every language, in one request.

A partner rendering a procedure also renders the conditions and clinics it
links, and a bilingual partner both languages of each: one listing call with
``?id=`` (and ``&locale=*``) gives what the detail calls would.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.batches import ids
from tests.api.test_query_budget import LISTING_BUDGET

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def listed(client, **query):
    response = client.get(PAGES, query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def as_detail_shows(client, page):
    return client.get(f"{PAGES}{page.pk}/").json()


def test_a_batch_gives_the_pages_in_the_order_asked(client, scene):
    first, second = list(scene.conditions.values())[:2]
    asked = [second, scene.procedure, first]
    assert [item["id"] for item in listed(client, id=ids(*asked))] == [p.pk for p in asked]


def test_fields_narrow_a_batch_as_they_narrow_a_detail(client, scene):
    pages = [scene.procedure, *scene.clinics]
    items = listed(client, id=ids(*pages), fields="_,id,title")
    assert items == [
        client.get(f"{PAGES}{page.pk}/", {"fields": "_,id,title"}).json() for page in pages
    ]
    assert [set(item) for item in items] == [{"id", "title"}] * len(pages)


def test_a_batch_gives_each_page_as_its_detail_does(client, scene):
    pages = [scene.procedure, *scene.clinics]
    items = listed(client, id=ids(*pages))
    assert items == [as_detail_shows(client, page) for page in pages]


def test_locale_star_gives_each_page_in_every_language_it_is_published_in(
    client, scene, spanish_procedure
):
    condition = next(iter(scene.conditions.values()))  # not translated
    items = listed(client, id=ids(scene.procedure, condition), locale="*")
    assert [(item["id"], item["meta"]["locale"]) for item in items] == [
        (scene.procedure.pk, "en"),
        (spanish_procedure.pk, "es"),
        (condition.pk, "en"),
    ]
    assert items[1] == as_detail_shows(client, spanish_procedure)


def test_a_batch_leaves_out_pages_the_public_may_not_see(client, scene):
    draft = scene.clinics[0]
    draft.unpublish()
    assert [item["id"] for item in listed(client, id=ids(scene.procedure, draft))] == [
        scene.procedure.pk
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"id": "1,x"},
        {"id": "1,,2"},
        {"id": "-1"},
        {"id": ",".join(str(n) for n in range(1, 52))},
        {"locale": "*"},
    ],
)
def test_a_bad_batch_gets_a_json_400_saying_why(client, scene, query):
    response = client.get(PAGES, query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_batch_in_every_language_stays_within_the_listing_query_budget(
    client, scene, spanish_procedure
):
    url = f"{PAGES}?id={ids(scene.procedure, *scene.clinics)}&locale=*"
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= LISTING_BUDGET
