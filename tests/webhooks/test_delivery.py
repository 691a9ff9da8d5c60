"""Change events reach partner endpoints as signed Standard Webhooks, retried and in order.

The endpoints are real HTTP servers on loopback (receiver.py); signatures are
checked with the spec's reference verifier (the standardwebhooks package); the
clock is passed to webhooks.delivery.send_due, so a day of retries takes no waiting.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from standardwebhooks import Webhook, WebhookVerificationError
from wagtail.models import Site

from tests.webhooks.helpers import an_endpoint, an_event, run_until
from webhooks import dispatch, signing
from webhooks.delivery import DISABLE_AFTER, JITTER, RETRY_DELAYS, send_due
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def sent_now(payload, capture):
    """enqueue() as the outbox calls it, with the commit's callbacks run."""
    with capture(execute=True):
        dispatch.enqueue(payload)


def test_each_subscribed_endpoint_gets_one_signed_delivery(
    receiver, another_receiver, django_capture_on_commit_callbacks
):
    first = an_endpoint(receiver)
    second = an_endpoint(another_receiver)
    an_endpoint(another_receiver, event_types=["snippet_deleted"])
    event = an_event()

    sent_now(event, django_capture_on_commit_callbacks)
    sent_now(event, django_capture_on_commit_callbacks)

    for endpoint, got in [(first, receiver), (second, another_receiver)]:
        assert len(got.received) == 1
        request = got.received[0]
        verified = Webhook(endpoint.secret).verify(request.body, request.headers)
        assert verified["type"] == "published"
        assert verified["data"] == event
        assert request.headers["webhook-id"].startswith("msg_")
        with pytest.raises(WebhookVerificationError):
            Webhook(signing.new_secret()).verify(request.body, request.headers)


def test_during_a_rotation_both_secrets_verify(receiver, django_capture_on_commit_callbacks):
    endpoint = an_endpoint(receiver)
    old_secret = endpoint.secret
    new_secret = endpoint.rotate_secret()

    sent_now(an_event(), django_capture_on_commit_callbacks)

    request = receiver.received[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    for secret in (old_secret, new_secret):
        Webhook(secret).verify(request.body, request.headers)


def test_failed_attempts_are_retried_with_the_same_webhook_id(
    receiver, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    receiver.will_answer(500, 500, body=b"x" * 5000)

    sent_now(an_event(), django_capture_on_commit_callbacks)
    run_until(lambda: len(receiver.received) == 3)

    assert len({request.headers["webhook-id"] for request in receiver.received}) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    log = list(delivery.attempt_log.all())
    assert [attempt.status_code for attempt in log] == [500, 500, 200]
    assert len(log[0].response_excerpt.encode()) == 1024


def test_retry_after_delays_the_next_attempt(receiver):
    an_endpoint(receiver)
    receiver.will_answer(503, headers={"Retry-After": "120"})
    dispatch.enqueue(an_event())
    first_try = timezone.now()

    send_due(now=first_try)
    send_due(now=first_try + timedelta(seconds=119))
    assert len(receiver.received) == 1

    send_due(now=first_try + timedelta(seconds=120))
    assert len(receiver.received) == 2
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.DELIVERED


def test_an_endpoint_that_refuses_the_connection_is_logged_and_retried(receiver):
    receiver.stop()
    an_endpoint(receiver)
    dispatch.enqueue(an_event())
    first_try = timezone.now()

    assert send_due(now=first_try) == 1

    delivery = WebhookDelivery.objects.get()
    [attempt] = delivery.attempt_log.all()
    assert attempt.status_code is None
    assert "ConnectionError" in attempt.error
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.next_attempt_at > first_try


def test_an_endpoint_filtered_to_one_site_gets_only_its_events(
    receiver, another_receiver, django_capture_on_commit_callbacks
):
    network = Site.objects.get(is_default_site=True)
    affiliate = Site.objects.create(hostname="affiliate.example", root_page=network.root_page)
    an_endpoint(receiver, sites=[affiliate])
    an_endpoint(another_receiver)

    sent_now(an_event(site=network), django_capture_on_commit_callbacks)
    sent_now(an_event(site=affiliate), django_capture_on_commit_callbacks)

    assert [request.data["site"] for request in receiver.received] == [affiliate.pk]
    assert [request.data["site"] for request in another_receiver.received] == [
        network.pk,
        affiliate.pk,
    ]


def test_an_endpoint_failing_for_a_day_is_disabled_and_replays_in_order_when_enabled(
    receiver, superuser, django_capture_on_commit_callbacks
):
    endpoint = an_endpoint(receiver)
    receiver.will_answer(*[500] * 100)
    events = [an_event() for _ in range(3)]
    for event in events:
        dispatch.enqueue(event)

    run_until(lambda: not type(endpoint).objects.get(pk=endpoint.pk).enabled)

    endpoint.refresh_from_db()
    assert "HTTP 500" in endpoint.disabled_reason
    assert WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).count() == 3
    [message] = mail.outbox
    assert superuser.email in message.to
    assert endpoint.name in message.subject
    for event in events:
        for value in (event["url"], event["api_url"], event["translation_key"]):
            assert value not in message.body
    assert send_due(now=timezone.now() + timedelta(days=2)) == 0

    receiver.server.answers.clear()
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.enable(endpoint)

    assert [request.data["sequence"] for request in receiver.received] == [
        event["sequence"] for event in events
    ]


def test_the_payload_holds_the_thin_event_and_nothing_else(
    receiver, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    leaked = {"email": "patient@example.com", "revoked_on": "2026-01-02", "body": "…"}

    sent_now(an_event(**leaked), django_capture_on_commit_callbacks)

    [request] = receiver.received
    assert set(request.envelope) == {"type", "timestamp", "data"}
    assert set(request.data) == set(dispatch.THIN_PAYLOAD_FIELDS)
    for value in leaked.values():
        assert value not in request.body.decode()


def test_an_event_without_its_sequence_is_refused(receiver):
    an_endpoint(receiver)
    with pytest.raises(ValueError, match="sequence"):
        dispatch.enqueue({**an_event(), "sequence": None})
    assert not WebhookDelivery.objects.exists()


def test_deliveries_older_than_thirty_days_are_deleted(receiver):
    endpoint = an_endpoint(receiver)
    dispatch.enqueue(an_event())
    WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(days=31))
    kept = dispatch.send_test_event(endpoint)

    call_command("deliver_webhooks", verbosity=0)

    assert list(WebhookDelivery.objects.all()) == [kept]
    assert kept.attempt_log.count() == 1


def test_retries_back_off_exponentially_with_jitter_for_about_a_day(receiver):
    """After each failure the next attempt lies within the jitter of the schedule's
    delay; the delays grow, and the endpoint is disabled after about a day of them."""
    endpoint = an_endpoint(receiver)
    receiver.will_answer(*[500] * 20)
    dispatch.enqueue(an_event())
    first_try = now = timezone.now()
    waits = []

    while WebhookEndpoint.objects.get(pk=endpoint.pk).enabled:
        assert send_due(now=now) == 1
        following = WebhookDelivery.objects.get().next_attempt_at
        waits.append(following - now)
        now = following

    failed_waits = waits[:-1]  # the last attempt disabled the endpoint instead
    assert len(failed_waits) == len(RETRY_DELAYS)
    for wait, delay in zip(failed_waits, RETRY_DELAYS, strict=True):
        assert delay * (1 - JITTER) <= wait <= delay * (1 + JITTER)
    assert failed_waits != RETRY_DELAYS  # stretched or shrunk, not the bare schedule
    for shorter, longer in zip(failed_waits[:5], failed_waits[1:6], strict=True):
        assert longer > shorter
    spanned = now - first_try
    assert DISABLE_AFTER <= spanned <= DISABLE_AFTER + timedelta(hours=8)
    assert len(receiver.received) == len(RETRY_DELAYS) + 1
