"""Fewer calls (#16): several pages by id, or pages in every language, in one request, in
both APIs (``GET /api/v2/pages/?id=20,47``, ``/api/v3/pages/?id=20,47``, ``&locale=*``).

A partner rendering a procedure also renders the conditions and clinics it links, and a
bilingual partner both languages of each: one listing call with ``?id=`` (and
``&locale=*``) gives what the detail calls would, each page exactly as its detail answers.
"""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.batches import ids
from tests.api.test_query_budget import LISTING_BUDGET

pytestmark = pytest.mark.django_db

TOO_MANY = {"id": ",".join(str(n) for n in range(1, 52))}
BAD_IDS = [{"id": "1,x"}, {"id": "1,,2"}, {"id": "-1"}, TOO_MANY]


@dataclass(frozen=True)
class PageApi:
    pages: str
    #: The member of an error answer that says why.
    reason: str
    #: What a batch refuses beyond bad ids: a listing's own parameters, a lone locale=*.
    refused: tuple


APIS = {
    "v2": PageApi("/api/v2/pages/", "message", ({"locale": "*"},)),
    "v3": PageApi(
        "/api/v3/pages/", "detail", ({"id": "1", "order": "title"}, {"id": "1", "limit": "2"})
    ),
}
BAD_BATCHES = [(name, query) for name, api in APIS.items() for query in [*BAD_IDS, *api.refused]]


@pytest.fixture(params=APIS, ids=str)
def api(request):
    return APIS[request.param]


def listed(client, api, **query):
    response = client.get(api.pages, query)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer.get("count", len(answer["items"])) == len(answer["items"])
    return answer["items"]


def as_detail_shows(client, api, page, **query):
    response = client.get(f"{api.pages}{page.pk}/", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_batch_gives_the_pages_in_the_order_asked(client, scene, api):
    first, second = list(scene.conditions.values())[:2]
    asked = [second, scene.procedure, first]
    assert [item["id"] for item in listed(client, api, id=ids(*asked))] == [p.pk for p in asked]


def test_a_batch_gives_each_page_as_its_detail_does(client, scene, api):
    pages = [scene.procedure, *scene.clinics, next(iter(scene.conditions.values()))]
    items = listed(client, api, id=ids(*pages))
    assert items == [as_detail_shows(client, api, page) for page in pages]


def test_locale_star_gives_each_page_in_every_language_it_is_published_in(
    client, scene, spanish_procedure, api
):
    condition = next(iter(scene.conditions.values()))  # not translated
    items = listed(client, api, id=ids(scene.procedure, condition), locale="*")
    assert [(item["id"], item["meta"]["locale"]) for item in items] == [
        (scene.procedure.pk, "en"),
        (spanish_procedure.pk, "es"),
        (condition.pk, "en"),
    ]
    assert items[1] == as_detail_shows(client, api, spanish_procedure)


def test_a_batch_leaves_out_pages_the_public_may_not_see(client, scene, api):
    draft = scene.clinics[0]
    draft.unpublish()
    assert [item["id"] for item in listed(client, api, id=ids(scene.procedure, draft))] == [
        scene.procedure.pk
    ]


@pytest.mark.parametrize(("version", "query"), BAD_BATCHES)
def test_a_bad_batch_gets_a_json_400_saying_why(client, scene, version, query):
    api = APIS[version]
    response = client.get(api.pages, query)
    assert response.status_code == 400
    assert response.json()[api.reason]


def test_a_batch_in_every_language_stays_within_the_listing_query_budget(
    client, scene, spanish_procedure, api
):
    url = f"{api.pages}?id={ids(scene.procedure, *scene.clinics)}&locale=*"
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= LISTING_BUDGET


def test_fields_narrow_a_v2_batch_as_they_narrow_a_detail(client, scene):
    api = APIS["v2"]
    pages = [scene.procedure, *scene.clinics]
    items = listed(client, api, id=ids(*pages), fields="_,id,title")
    assert items == [as_detail_shows(client, api, page, fields="_,id,title") for page in pages]
    assert [set(item) for item in items] == [{"id", "title"}] * len(pages)


def test_rich_text_format_applies_to_a_v3_batch_as_to_a_detail(client, scene):
    api = APIS["v3"]
    items = listed(client, api, id=ids(scene.procedure), rich_text_format="markdown")
    assert items == [as_detail_shows(client, api, scene.procedure, rich_text_format="markdown")]
