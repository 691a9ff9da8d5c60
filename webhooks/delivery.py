"""Sending deliveries: signed POSTs, the retry schedule, and disabling endpoints that fail.

Every function takes ``now`` so that the schedule can be driven without waiting.
"""

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parsedate_to_datetime

import requests
import urllib3
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from webhooks import coalescing, notifications, signing
from webhooks.models import (
    RESPONSE_EXCERPT_BYTES,
    DeliveryAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from webhooks.scope import Scopes

logger = logging.getLogger(__name__)

# The wait after each failed attempt: eight attempts over about 27 hours.
RETRY_DELAYS = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
]
# Each wait is stretched or shrunk by up to this share, so that the retries of
# many deliveries to an endpoint that came back do not arrive together.
JITTER = 0.1
# A Retry-After (on 429 and 503) is honoured up to the longest wait of the schedule.
RETRY_AFTER_STATUSES = {429, 503}
RETRY_AFTER_LIMIT = max(RETRY_DELAYS)
# An endpoint whose attempts have all failed for this long is disabled.
DISABLE_AFTER = timedelta(days=1)
# While an attempt is in flight its delivery is not due, so that two workers
# never send it at once.
CLAIM_FOR = timedelta(minutes=2)
RETENTION = timedelta(days=30)


@dataclass
class Outcome:
    status_code: int | None = None
    excerpt: str = ""
    error: str = ""
    retry_after: timedelta | None = None

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def send_due(now=None, sequence=None, endpoint_id=None):
    """Attempt every due delivery of enabled endpoints (optionally of the endpoints one
    event went to, or of one endpoint), each endpoint's in sequence order; an endpoint
    that fails gets no more attempts in this run. A due delivery that a later event of
    its object supersedes is marked coalesced instead (webhooks.coalescing), one that
    its partner's scope no longer covers is marked so. Returns the number of attempts made."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING,
        endpoint__enabled=True,
        next_attempt_at__lte=now,
    )
    if sequence is not None:
        due = due.filter(
            endpoint__in=WebhookDelivery.objects.filter(event_sequence=sequence).values(
                "endpoint_id"
            )
        )
    if endpoint_id is not None:
        due = due.filter(endpoint_id=endpoint_id)
    ordered = list(
        due.select_related("endpoint__partner").order_by(
            "endpoint_id", F("event_sequence").asc(nulls_last=True), "created_at", "pk"
        )
    )
    held_back_after = coalescing.held_back_after({d.endpoint_id for d in ordered}, now)
    scopes = Scopes(now)
    failing_endpoints = set()
    attempts = 0
    for delivery in ordered:
        if delivery.endpoint_id in failing_endpoints or waits_for_earlier(
            delivery, held_back_after
        ):
            continue
        if not claim(delivery, now):
            continue
        if settled_without_sending(delivery, scopes):
            continue
        attempts += 1
        if not attempt(delivery, now):
            failing_endpoints.add(delivery.endpoint_id)
    return attempts


def waits_for_earlier(delivery, held_back_after):
    first_waiting = held_back_after.get(delivery.endpoint_id)
    return (
        first_waiting is not None
        and delivery.event_sequence is not None
        and delivery.event_sequence > first_waiting
    )


def settled_without_sending(delivery, scopes):
    """Mark a claimed change delivery coalesced or out of scope when it is; whether it was."""
    if delivery.event_sequence is None:
        return False
    later = coalescing.superseding(delivery)
    if later is not None:
        coalescing.coalesce(delivery, into=later)
        return True
    if not scopes.allow(delivery.endpoint, delivery.payload):
        delivery.status = WebhookDelivery.Status.OUT_OF_SCOPE
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "next_attempt_at"])
        return True
    return False


def claim(delivery, now):
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        status=WebhookDelivery.Status.PENDING,
        next_attempt_at=delivery.next_attempt_at,
    ).update(next_attempt_at=now + CLAIM_FOR)
    return claimed == 1


def request_body(delivery):
    """The Standard Webhooks payload structure: type, timestamp, and the thin event as data."""
    envelope = {
        "type": delivery.event_type,
        "timestamp": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()


def attempt(delivery, now):
    """One signed POST of the delivery, logged; whether the endpoint took it."""
    endpoint = delivery.endpoint
    body = request_body(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Foramen-Webhooks/1",
        **signing.signed_headers(endpoint.secrets_in_use(now), delivery.webhook_id, now, body),
    }
    started = time.monotonic()
    outcome = post(endpoint.url, body, headers, now)
    DeliveryAttempt.objects.create(
        delivery=delivery,
        attempted_at=now,
        status_code=outcome.status_code,
        duration_ms=round((time.monotonic() - started) * 1000),
        response_excerpt=outcome.excerpt,
        error=outcome.error,
    )
    delivery.attempts += 1
    if outcome.succeeded:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.next_attempt_at = None
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
    elif note_failure(endpoint, now, outcome):
        # Held for the replay when the endpoint is enabled again.
        delivery.next_attempt_at = now
    else:
        delivery.next_attempt_at = next_attempt_at(delivery.attempts, outcome.retry_after, now)
        if delivery.next_attempt_at is None:
            delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    return outcome.succeeded


def next_attempt_at(attempts_made, retry_after, now):
    """When to try again after attempts_made failures, or None when the schedule is over."""
    if attempts_made > len(RETRY_DELAYS):
        return None
    wait = RETRY_DELAYS[attempts_made - 1] * random.uniform(1 - JITTER, 1 + JITTER)
    if retry_after is not None:
        wait = max(wait, min(retry_after, RETRY_AFTER_LIMIT))
    return now + wait


def note_failure(endpoint, now, outcome):
    """Record that the endpoint fails; disable it after DISABLE_AFTER of failures.
    Returns whether it is now disabled."""
    if endpoint.failing_since is None:
        WebhookEndpoint.objects.filter(pk=endpoint.pk, failing_since=None).update(failing_since=now)
        return False
    if now - endpoint.failing_since < DISABLE_AFTER:
        return False
    last = (
        _("HTTP %(status)s") % {"status": outcome.status_code}
        if outcome.status_code
        else outcome.error
    )
    reason = _("Every attempt failed for a day (last: %(last)s).") % {"last": last}
    disabled = WebhookEndpoint.objects.filter(pk=endpoint.pk, enabled=True).update(
        enabled=False, disabled_reason=reason[:255]
    )
    if disabled:
        logger.warning("Webhook endpoint %s disabled: %s", endpoint.pk, reason)
        notifications.tell_endpoint_disabled(endpoint, reason)
    return True


def post(url, body, headers, now):
    """POST body; never follows redirects, reads at most RESPONSE_EXCERPT_BYTES of the answer."""
    session = requests.Session()
    # No proxy or .netrc credentials from the environment: the request goes where
    # the endpoint says, with nothing but our headers.
    session.trust_env = False
    timeout = (settings.WEBHOOKS_CONNECT_TIMEOUT, settings.WEBHOOKS_READ_TIMEOUT)
    try:
        with session.post(
            url, data=body, headers=headers, timeout=timeout, allow_redirects=False, stream=True
        ) as response:
            excerpt = response.raw.read(RESPONSE_EXCERPT_BYTES, decode_content=True)
            return Outcome(
                status_code=response.status_code,
                excerpt=excerpt.decode("utf-8", "replace"),
                retry_after=retry_after(response, now),
            )
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
        return Outcome(error=f"{type(error).__name__}: {error}"[:255])
    finally:
        session.close()


def retry_after(response, now):
    """The answer's Retry-After (seconds or an HTTP date) on a 429 or 503, as a wait."""
    value = response.headers.get("Retry-After", "").strip()
    if response.status_code not in RETRY_AFTER_STATUSES or not value:
        return None
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        return max(parsedate_to_datetime(value) - now, timedelta(0))
    except (TypeError, ValueError):
        return None


def purge_expired(now=None):
    """Delete deliveries (and their attempts) older than RETENTION; the deliveries deleted."""
    now = now or timezone.now()
    expired = WebhookDelivery.objects.filter(created_at__lt=now - RETENTION)
    return expired.delete()[1].get(WebhookDelivery._meta.label, 0)
