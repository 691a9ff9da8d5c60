"""Events of one object within a few seconds reach each endpoint as one delivery: the latest.

A new delivery waits ``WEBHOOKS_COALESCE_SECONDS`` before its first attempt. The
window opens with an object's first event and does not slide: a later event of
the same object to the same endpoint, while an earlier one still waits, is due
when that earlier one is, so an object changed again and again is still told
within one window. When a delivery comes due and a later one of the same object
to the same endpoint is pending, it is marked coalesced into that later one
instead of being sent (the delivery log shows which).

Coalescing never reorders: a delivery is not sent while a delivery of an earlier
event to its endpoint still waits out its window, so each endpoint receives its
first attempts in sequence order across objects. Retries do not hold others back,
as before.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Min

from webhooks.models import WebhookDelivery

PENDING = WebhookDelivery.Status.PENDING


def window():
    return timedelta(seconds=settings.WEBHOOKS_COALESCE_SECONDS)


def waiting(endpoint_ids):
    """Deliveries never tried yet of these endpoints (a window's, or a held replay's)."""
    return WebhookDelivery.objects.filter(
        endpoint_id__in=endpoint_ids, status=PENDING, attempts=0
    ).exclude(event_sequence=None)


def due_times(endpoints, key, now):
    """When each endpoint's new delivery of the object ``key`` is first tried: the end of the
    window its object's first waiting delivery opened, else ``now`` plus the window."""
    opened = dict(
        waiting([endpoint.pk for endpoint in endpoints])
        .filter(object_key=key)
        .values("endpoint_id")
        .annotate(first=Min("next_attempt_at"))
        .values_list("endpoint_id", "first")
    )
    latest = now + window()
    return {endpoint.pk: min(latest, opened.get(endpoint.pk) or latest) for endpoint in endpoints}


def held_back_after(endpoint_ids, now):
    """Endpoint id -> the smallest sequence of its deliveries still in their window: its
    deliveries of later events wait for it."""
    return dict(
        waiting(endpoint_ids)
        .filter(next_attempt_at__gt=now)
        .values("endpoint_id")
        .annotate(first=Min("event_sequence"))
        .values_list("endpoint_id", "first")
    )


def superseding(delivery):
    """The latest pending delivery of a later event of the same object to the same endpoint,
    which is sent instead of ``delivery``; None when there is none or ``delivery`` was
    already tried (a retry carries on as it is)."""
    if delivery.attempts or not delivery.object_key or delivery.event_sequence is None:
        return None
    return (
        WebhookDelivery.objects.filter(
            endpoint_id=delivery.endpoint_id,
            object_key=delivery.object_key,
            status=PENDING,
            event_sequence__gt=delivery.event_sequence,
        )
        .order_by("-event_sequence")
        .first()
    )


def coalesce(delivery, into):
    delivery.status = WebhookDelivery.Status.COALESCED
    delivery.coalesced_into = into
    delivery.next_attempt_at = None
    delivery.save(update_fields=["status", "coalesced_into", "next_attempt_at"])
