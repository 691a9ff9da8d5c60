"""The sync feed (#17): GET /api/v2/sync/ replays what a site shows, then its changes."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from changes import feed
from changes.models import ChangeEvent
from people.factories import TestimonialFactory
from procedures.factories import ConditionPageFactory
from tests.builders import a_site, published

pytestmark = pytest.mark.django_db

SYNC = "/api/v2/sync/"


@pytest.fixture
def scene():
    return a_site()


@pytest.fixture
def client(scene):
    return Client(headers=scene.headers)


def a_condition(scene, **fields):
    return published(ConditionPageFactory(parent=scene.conditions, **fields))


def sync(client, **query):
    response = client.get(SYNC, query)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


def follow(client, answer):
    """Every item from this answer on, following cursors until has_more is false."""
    items = list(answer["items"])
    while answer["has_more"]:
        answer = sync(client, cursor=answer["next_cursor"])
        items += answer["items"]
    return items, answer["next_cursor"]


def test_the_initial_sync_gives_each_public_page_as_its_v2_detail(scene, client):
    sciatica = a_condition(scene, title="Sciatica")
    answer = sync(client, initial="true", limit=2)
    items, _cursor = follow(client, answer)
    by_id = {item["id"]: item for item in items}
    expected = {scene.home.pk, scene.procedures.pk, scene.conditions.pk, scene.locations.pk}
    assert set(by_id) == expected | {sciatica.pk}
    assert not any(item["deleted"] for item in items)
    detail = client.get(f"/api/v2/pages/{sciatica.pk}/").json()
    assert by_id[sciatica.pk]["page"] == detail


def test_changes_follow_the_initial_sync_in_order(scene, client):
    sciatica = a_condition(scene, title="Sciatica")
    stenosis = a_condition(scene, title="Stenosis")
    _items, cursor = follow(client, sync(client, initial="true"))
    assert sync(client, cursor=cursor) == {"items": [], "next_cursor": cursor, "has_more": False}

    sciatica.unpublish()
    PageViewRestriction.objects.create(page=stenosis, restriction_type="login")
    whiplash = a_condition(scene, title="Whiplash")
    items, _cursor = follow(client, sync(client, cursor=cursor))

    assert [(item["id"], item["deleted"], item.get("reason")) for item in items] == [
        (sciatica.pk, True, "unpublished"),
        (stenosis.pk, True, "withdrawn"),
        (whiplash.pk, False, None),
    ]
    assert items[-1]["page"]["title"] == "Whiplash"
    sequences = [item["sequence"] for item in items]
    assert sequences == sorted(sequences)


def test_a_withdrawn_testimonial_leaves_the_synced_pages_that_quoted_it(scene, client):
    testimonial = TestimonialFactory(headline_quote="I walk my dog again.")
    block = {"type": "testimonials", "value": {"heading": "", "testimonials": [testimonial.pk]}}
    sciatica = a_condition(scene, title="Sciatica", body=[block])
    items, cursor = follow(client, sync(client, initial="true"))
    assert "I walk my dog again." in str({i["id"]: i for i in items}[sciatica.pk]["page"])

    testimonial.unpublish()
    items, _cursor = follow(client, sync(client, cursor=cursor))

    [upsert] = [item for item in items if item["id"] == sciatica.pk]
    assert not upsert["deleted"]
    assert "I walk my dog again." not in str(upsert["page"])


def test_another_sites_changes_are_not_told(scene, client):
    _items, cursor = follow(client, sync(client, initial="true"))
    a_condition(a_site(), title="Elsewhere")
    assert sync(client, cursor=cursor)["items"] == []


def test_a_page_moved_to_another_site_leaves_with_a_tombstone(scene, client):
    sciatica = a_condition(scene)
    _items, cursor = follow(client, sync(client, initial="true"))
    sciatica.move(a_site().conditions, pos="last-child")
    items, _cursor = follow(client, sync(client, cursor=cursor))
    assert [(item["id"], item["reason"]) for item in items] == [(sciatica.pk, "out_of_scope")]


@pytest.mark.parametrize("limit", ["0", "501", "ten", "-1"])
def test_a_bad_limit_is_a_json_400(client, limit):
    response = client.get(SYNC, {"initial": "true", "limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()["message"]


@pytest.mark.parametrize("query", [{}, {"initial": "true", "cursor": "x"}, {"since": "1"}])
def test_a_request_without_exactly_one_start_is_a_json_400(client, query):
    response = client.get(SYNC, query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_tampered_cursor_is_a_json_400(client):
    cursor = sync(client, initial="true")["next_cursor"]
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    response = client.get(SYNC, {"cursor": tampered})
    assert response.status_code == 400
    assert "initial=true" in response.json()["message"]


def test_a_cursor_older_than_the_retention_is_a_410_saying_to_start_again(client, settings):
    issued = timezone.now() - datetime.timedelta(days=settings.CHANGES_RETENTION_DAYS + 1)
    cursor = feed.encode(feed.Position(sequence=0), issued_at=issued)
    response = client.get(SYNC, {"cursor": cursor})
    assert response.status_code == 410
    assert "initial=true" in response.json()["message"]
    assert response["Cache-Control"] == "no-store"


def test_events_older_than_the_retention_are_pruned(scene, settings):
    page = a_condition(scene)
    old = ChangeEvent.objects.filter(object_id=page.pk)
    recorded = old.count()
    later = timezone.now() + datetime.timedelta(days=settings.CHANGES_RETENTION_DAYS + 1)
    assert recorded > 0
    assert feed.prune(now=later) >= recorded
    assert not old.exists()


def test_the_prune_command_keeps_the_events_within_the_retention(scene):
    page = a_condition(scene)
    call_command("prune_change_events", stdout=io.StringIO())
    assert ChangeEvent.objects.filter(object_id=page.pk).exists()
