"""Events of one object within the coalescing window reach an endpoint as one delivery, the
latest; the others are shown as coalesced in the delivery log, and the sequence order holds.

Changes go through the real outbox to a real receiver on loopback. The window is
WEBHOOKS_COALESCE_SECONDS; the clock is passed to send_due, so nothing waits for it.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from changes.models import ChangeEvent
from procedures.factories import ProcedurePageFactory
from tests.builders import published
from tests.helpers import default_site
from tests.webhooks.helpers import an_endpoint
from webhooks.delivery import send_due
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

WINDOW = timedelta(seconds=5)
Status = WebhookDelivery.Status


@pytest.fixture(autouse=True)
def coalescing_window(settings):
    settings.WEBHOOKS_COALESCE_SECONDS = WINDOW.total_seconds()


@pytest.fixture
def parent():
    return default_site().root_page


def a_page(parent):
    return ProcedurePageFactory(parent=parent, live=False)


def after_the_window():
    """send_due() once every window opened so far has passed."""
    pending = WebhookDelivery.objects.filter(status=Status.PENDING)
    latest = max(pending.values_list("next_attempt_at", flat=True))
    return send_due(now=latest)


def test_publish_edit_publish_within_the_window_is_one_delivery_of_the_latest_revision(
    receiver, parent, admin_client, django_capture_on_commit_callbacks
):
    endpoint = an_endpoint(receiver)
    page = a_page(parent)

    with django_capture_on_commit_callbacks(execute=True):
        published(page, title="First title")
        page.title = "A draft between"
        page.save_revision()
        page = published(page, title="Second title")
    assert receiver.received == []  # the window has not passed

    after_the_window()

    [request] = receiver.received
    assert request.data["id"] == page.pk
    assert request.data["revision"] == page.live_revision_id
    sent = WebhookDelivery.objects.get(status=Status.DELIVERED)
    [coalesced] = WebhookDelivery.objects.filter(status=Status.COALESCED)
    assert coalesced.coalesced_into == sent
    assert coalesced.event_sequence < sent.event_sequence
    assert not coalesced.attempt_log.exists()
    log = admin_client.get(reverse("webhook_endpoints:deliveries", args=[endpoint.pk]))
    assert "Coalesced" in log.content.decode()
    assert f"sent as the later <code>{sent.webhook_id}</code>" in log.content.decode()


def test_a_publish_then_unpublish_within_the_window_delivers_only_the_unpublish(
    receiver, parent, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    page = a_page(parent)

    with django_capture_on_commit_callbacks(execute=True):
        published(page)
        page.unpublish()
    after_the_window()

    assert [(r.data["type"], r.data["id"]) for r in receiver.received] == [("unpublished", page.pk)]


def test_events_of_different_objects_are_not_merged_and_keep_their_order(
    receiver, parent, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    first, second = a_page(parent), a_page(parent)

    with django_capture_on_commit_callbacks(execute=True):
        published(first)
        published(second)
        published(first, title="Changed again")
    window_of_first = WebhookDelivery.objects.order_by("event_sequence")[0].next_attempt_at

    # When the first page's window ends its latest event is due with it, but it waits
    # for the second page's event, which came before it.
    send_due(now=window_of_first)
    assert receiver.received == []
    after_the_window()

    sequences = [request.data["sequence"] for request in receiver.received]
    assert [request.data["id"] for request in receiver.received] == [second.pk, first.pk]
    assert sequences == sorted(sequences)
    assert sequences[-1] == ChangeEvent.objects.filter(object_id=first.pk).last().sequence


def test_the_window_opens_with_the_objects_first_event_and_does_not_slide(
    receiver, parent, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    page = a_page(parent)

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            published(page, title=f"Version {number}")

    due_times = set(WebhookDelivery.objects.values_list("next_attempt_at", flat=True))
    assert len(due_times) == 1
    assert send_due(now=due_times.pop()) == 1


def test_a_bulk_publish_of_a_hundred_pages_gives_each_one_delivery(
    receiver, parent, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    pages = [a_page(parent) for _ in range(100)]

    with django_capture_on_commit_callbacks(execute=True):
        for page in pages:
            published(page)
    after_the_window()

    ids = [request.data["id"] for request in receiver.received]
    assert sorted(ids) == sorted(page.pk for page in pages)
    assert len({request.headers["webhook-id"] for request in receiver.received}) == 100
    sequences = [request.data["sequence"] for request in receiver.received]
    assert sequences == sorted(sequences)
    assert not WebhookDelivery.objects.filter(status=Status.COALESCED).exists()


def test_the_durable_queue_runs_the_sending_when_the_window_ends(
    settings, receiver, parent, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    an_endpoint(receiver)

    with django_capture_on_commit_callbacks(execute=True):
        published(a_page(parent))

    delivery = WebhookDelivery.objects.get()
    [queued] = DBTaskResult.objects.filter(task_path="webhooks.tasks.send_due_deliveries")
    assert queued.run_after == delivery.next_attempt_at
    assert queued.args_kwargs["kwargs"] == {"sequence": delivery.event_sequence}
