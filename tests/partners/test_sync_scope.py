"""The sync feed gives a partner key its scope only, as the page listings do: the key's
sites, languages and page types; other pages are never upserted to it, and a page
that leaves the scope is a tombstone (tests/changes/test_sync_replay.py replays
random edits for narrowed keys too)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from procedures.factories import ConditionIndexPageFactory, ConditionPageFactory
from procedures.models import ConditionPage
from tests.builders import a_site, a_translation, english, published, spanish
from tests.partners.conftest import bearer
from tests.partners.test_scope import in_scope, scene  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def synced_ids(client, headers, **extra):
    answer = client.get(
        "/api/v2/sync/", {"initial": "true", "limit": 500}, headers=headers, **extra
    )
    assert answer.status_code == 200, answer.content
    assert not answer.json()["has_more"]
    return {item["id"] for item in answer.json()["items"] if not item["deleted"]}


def test_a_keyed_sync_holds_the_keys_scope_only(client, scene):  # noqa: F811
    inside, outside, value = scene
    expected = {page.pk for page in Page.objects.live() if in_scope(page, inside)}
    keyed = synced_ids(client, inside.headers, **bearer(value))
    assert keyed == expected


def test_an_anonymous_sync_still_gets_the_sites_public_pages(client, scene):  # noqa: F811
    inside, outside, _value = scene
    anonymous = synced_ids(client, inside.headers)
    in_key_scope = {page.pk for page in Page.objects.live() if in_scope(page, inside)}
    assert in_key_scope < anonymous
    spanish = Page.objects.live().filter(locale__language_code="es")
    assert set(spanish.values_list("pk", flat=True)) & anonymous
    assert not anonymous & {page.pk for page in outside.home.get_descendants(inclusive=True)}


def follow(client, headers, query):
    """Every item from the answer to query on, and the last cursor."""
    items = []
    while True:
        answer = client.get("/api/v2/sync/", {**query, "limit": 500}, headers=headers)
        assert answer.status_code == 200, answer.content
        items += answer.json()["items"]
        query = {"cursor": answer.json()["next_cursor"]}
        if not answer.json()["has_more"]:
            return items, query["cursor"]


def test_a_page_leaving_a_keys_site_is_a_tombstone_and_coming_back_an_upsert(client, make_key):
    one, two = a_site(), a_site()
    section = published(ConditionIndexPageFactory(parent=one.home, slug="more"))
    sciatica = published(ConditionPageFactory(parent=section))
    conditions = [ContentType.objects.get_for_model(ConditionPage)]
    _key, value = make_key(sites=[one.site], locales=[english()], content_types=conditions)
    headers = {**one.headers, "authorization": f"Bearer {value}"}
    items, cursor = follow(client, headers, {"initial": "true"})
    assert {item["id"] for item in items} >= {sciatica.pk}
    assert section.pk not in {item["id"] for item in items}  # not one of the key's types

    section.move(two.home, pos="last-child")
    items, cursor = follow(client, headers, {"cursor": cursor})
    assert [(item["id"], item.get("reason")) for item in items] == [(sciatica.pk, "out_of_scope")]

    Page.objects.get(pk=section.pk).move(one.home, pos="last-child")
    items, _cursor = follow(client, headers, {"cursor": cursor})
    [upsert] = items
    assert (upsert["id"], upsert["deleted"]) == (sciatica.pk, False)
    assert upsert["page"]["meta"]["html_url"].endswith("/more/" + sciatica.slug + "/")


def test_a_spanish_key_is_told_of_translations_only(client, make_key):
    one = a_site()
    one.in_spanish()
    _key, value = make_key(sites=[one.site], locales=[spanish()])
    headers = {**one.headers, "authorization": f"Bearer {value}"}
    _items, cursor = follow(client, headers, {"initial": "true"})

    sciatica = published(ConditionPageFactory(parent=one.conditions))
    ciatica = a_translation(sciatica, title="Ciática")
    sciatica.unpublish()
    items, _cursor = follow(client, headers, {"cursor": cursor})
    assert [(item["id"], item["page"]["title"]) for item in items] == [(ciatica.pk, "Ciática")]
