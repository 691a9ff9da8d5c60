"""v3 batch reads (#16): ``GET /api/v3/pages/?id=20,47`` and ``&locale=*``, as v2 has them.

A partner on v3 gets the pages it renders together (a procedure, its conditions
and clinics, in both languages) in one call, each exactly as its detail answers.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.batches import ids
from tests.api.test_query_budget import LISTING_BUDGET

pytestmark = pytest.mark.django_db

PAGES = "/api/v3/pages/"


def listed(client, **query):
    response = client.get(PAGES, query)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["count"] == len(answer["items"])
    return answer["items"]


def as_detail_shows(client, page, **query):
    response = client.get(f"{PAGES}{page.pk}/", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_batch_gives_the_pages_in_the_order_asked(client, scene):
    first, second = list(scene.conditions.values())[:2]
    asked = [second, scene.procedure, first]
    assert [item["id"] for item in listed(client, id=ids(*asked))] == [p.pk for p in asked]


def test_a_batch_gives_each_page_as_its_detail_does(client, scene):
    pages = [scene.procedure, *scene.clinics, next(iter(scene.conditions.values()))]
    assert listed(client, id=ids(*pages)) == [as_detail_shows(client, page) for page in pages]


def test_rich_text_format_applies_to_a_batch_as_to_a_detail(client, scene):
    items = listed(client, id=ids(scene.procedure), rich_text_format="markdown")
    assert items == [as_detail_shows(client, scene.procedure, rich_text_format="markdown")]


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
        {"id": "1", "order": "title"},
        {"id": "1", "limit": "2"},
    ],
)
def test_a_bad_batch_gets_a_problem_400_saying_why(client, scene, query):
    response = client.get(PAGES, query)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_batch_in_every_language_stays_within_the_listing_query_budget(
    client, scene, spanish_procedure
):
    url = f"{PAGES}?id={ids(scene.procedure, *scene.clinics)}&locale=*"
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= LISTING_BUDGET
