"""`make bench`'s partner path (bench/partner_path.py): keyed reads beside the anonymous ones,
and publish to signed webhook received, each in the table with its target; a measurement that
fails is reported with its reason and meets no target, never crashes the table."""

import time
from datetime import UTC, datetime

import pytest
import requests

from bench import partner_path, run
from procedures.factories import ProcedurePageFactory
from tests.bench.test_report_table import EMPTY, MEASURED, a_report
from tests.builders import a_site
from tests.resilience.helpers import a_closed_port
from webhooks import signing
from webhooks.delivery import request_body
from webhooks.models import WebhookDelivery, WebhookEndpoint

REACHED = {"count": 20, "target_p95_s": 2.0, "p50_s": 0.4, "p95_s": 0.9, "max_s": 1.1}


def a_partner_report(keyed=MEASURED, webhook=REACHED, render_cache="hit"):
    report = a_report(MEASURED)
    for name in partner_path.KEYED_TARGETS:
        report["targets"].setdefault(name, report["targets"]["procedure_html"] | {"path": "/api/"})
    report["partner_reads"] = {
        "targets": {
            name: {
                "path": "/api/",
                "render_cache": render_cache,
                "keyed_varnish": keyed,
                "keyed_gunicorn": keyed,
            }
            for name in partner_path.KEYED_TARGETS
        }
    }
    report["publish_to_webhook"] = webhook
    return report


def test_keyed_reads_and_the_webhook_are_in_the_table_with_their_targets(capsys):
    report = a_partner_report()
    run.print_table(report)
    out = capsys.readouterr().out
    detail = next(line for line in out.splitlines() if line.startswith("api_v2_detail      |"))
    assert "900.0" in detail and "1.0" in detail and detail.endswith("hit")
    assert "p50 400 ms, p95 900 ms" in out and "target p95 < 2 s: pass" in out
    checks = dict(run.target_checks(report))
    assert checks["partner reads: keyed answers come from the render cache"] is True
    assert checks["publish to webhook received: p95 < 2 s"] is True
    assert "FAILED" not in out


def test_a_slow_webhook_misses_its_target():
    slow = REACHED | {"p95_s": 2.5}
    report = a_partner_report(webhook=slow)
    assert dict(run.target_checks(report))["publish to webhook received: p95 < 2 s"] is False


def test_a_failed_keyed_measurement_is_reported_with_its_reason(capsys):
    report = a_partner_report(keyed=EMPTY, render_cache="HTTP 401")
    run.print_table(report)
    out = capsys.readouterr().out
    assert f"FAILED to measure api_v2_detail keyed_gunicorn: {EMPTY['failed']}" in out
    assert "missed: partner reads: keyed answers come from the render cache" in out


def test_refused_keyed_answers_are_a_failed_measurement():
    refused = partner_path.refused_answers(MEASURED | {"errors": 12})
    assert refused["failed"] == "12 answers were not 2xx or 3xx"
    assert "failed" not in partner_path.refused_answers(MEASURED)


def test_a_webhook_that_never_arrived_is_reported_and_misses_its_target(capsys):
    report = a_partner_report(webhook={"error": "DeliveryFailed: no signed delivery within 30 s"})
    run.print_table(report)
    out = capsys.readouterr().out
    assert "Publish to webhook received: FAILED to measure: DeliveryFailed" in out
    assert "missed: publish to webhook received: p95 < 2 s" in out


@pytest.fixture
def receiver():
    receiver = partner_path.Receiver()
    receiver.secret = signing.new_secret()
    yield receiver
    receiver.close()


def send(receiver, secret, event):
    """A delivery of the event as webhooks.delivery sends it: its envelope, signed."""
    now = datetime.now(UTC)
    delivery = WebhookDelivery(event_type=event["type"], payload=event, created_at=now)
    body = request_body(delivery)
    headers = signing.signed_headers([secret], delivery.webhook_id, now, body)
    response = requests.post(receiver.url, data=body, headers=headers, timeout=10)
    assert response.status_code == 204


def test_the_receiver_times_the_signed_delivery_of_the_publish(receiver):
    before = time.monotonic()
    send(receiver, receiver.secret, {"type": "published", "id": 7, "sequence": 3})
    send(receiver, receiver.secret, {"type": "published", "id": 8, "sequence": 4})
    assert receiver.wait_for(page_id=8, after_sequence=3, timeout=10) >= before


def test_the_receiver_refuses_a_delivery_signed_with_another_secret(receiver):
    send(receiver, signing.new_secret(), {"type": "published", "id": 8, "sequence": 4})
    with pytest.raises(partner_path.DeliveryFailed, match="signature did not verify"):
        receiver.wait_for(page_id=8, after_sequence=3, timeout=10)


@pytest.mark.django_db
def test_a_publish_that_fails_is_reported_and_leaves_no_endpoint_behind():
    ProcedurePageFactory(parent=a_site().procedures, title="Foraminotomy")
    measured = partner_path.measure_publish_to_webhook(f"http://127.0.0.1:{a_closed_port()}", 2)
    assert "Connection refused" in measured["error"]
    assert not WebhookEndpoint.objects.exists()
