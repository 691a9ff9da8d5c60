"""The one way in: ``enqueue(payload)`` records a change event's deliveries and sends them
(after the coalescing window, webhooks.coalescing).

The payload is the outbox's thin dict (``THIN_PAYLOAD_FIELDS``); anything else a
caller passes is dropped here, so no field outside that list can ever leave.
"""

from django.db import transaction
from django.utils import timezone

from webhooks import coalescing, tasks
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.scope import Scopes

THIN_PAYLOAD_FIELDS = (
    "type",
    "id",
    "content_type",
    "site",
    "locale",
    "translation_key",
    "revision",
    "sequence",
    "url",
    "api_url",
)
TEST_EVENT_TYPE = "webhook.test"


def thin(payload):
    return {field: payload.get(field) for field in THIN_PAYLOAD_FIELDS}


def enqueue(payload):
    """One delivery per endpoint whose filters (and partner's scope) take the event,
    sent once its coalescing window has passed.

    Calling it again for the same event (same ``sequence``) adds nothing. Disabled
    endpoints get their deliveries too, held until the endpoint is enabled again.
    """
    event = thin(payload)
    if event["sequence"] is None or not event["type"]:
        raise ValueError("A change event needs its type and sequence.")
    now = timezone.now()
    scopes = Scopes(now)
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.select_related("partner").prefetch_related(
            "sites", "locales"
        )
        if endpoint.subscribes_to(event) and scopes.allow(endpoint, event)
    ]
    key = object_key(event)
    due = coalescing.due_times(endpoints, key, now)
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint=endpoint,
                event_type=event["type"],
                event_sequence=event["sequence"],
                payload=event,
                object_key=key,
                created_at=now,
                next_attempt_at=due[endpoint.pk],
            )
            for endpoint in endpoints
        ],
        ignore_conflicts=True,
    )
    if endpoints:
        send_at = max(due.values())
        transaction.on_commit(lambda: tasks.send_when_due(send_at, sequence=event["sequence"]))


def object_key(event):
    """What the events of one object share: its content type and id."""
    return f"{event['content_type']}:{event['id']}"


def deliver_change(sender, event, **kwargs):
    """The outbox's receiver (changes.outbox.change_recorded): a committed change goes out."""
    enqueue(event.payload())


def send_test_event(endpoint):
    """A ``webhook.test`` event for this endpoint alone, whatever its filters."""
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type=TEST_EVENT_TYPE,
        payload=thin({"type": TEST_EVENT_TYPE}),
        created_at=now,
        next_attempt_at=now,
    )
    _send_after_commit(endpoint)
    return delivery


def redeliver(delivery):
    """Send a delivery again, with its webhook id and a fresh retry schedule."""
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    _send_after_commit(delivery.endpoint)


def enable(endpoint):
    """Enable an endpoint again: its held deliveries are replayed in sequence order."""
    endpoint.enabled = True
    endpoint.disabled_reason = ""
    endpoint.failing_since = None
    endpoint.save(update_fields=["enabled", "disabled_reason", "failing_since"])
    endpoint.deliveries.filter(status=WebhookDelivery.Status.PENDING).update(
        attempts=0, next_attempt_at=timezone.now()
    )
    _send_after_commit(endpoint)


def _send_after_commit(endpoint):
    endpoint_id = endpoint.pk
    transaction.on_commit(lambda: tasks.send_due_deliveries.enqueue(endpoint_id=endpoint_id))
