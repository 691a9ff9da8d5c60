"""The partner path of `make bench`: keyed reads, and publish to webhook received.

Keyed reads: a partner key of the whole network (every site, language and type) reads
the API v2 detail and listing targets with ``Authorization: Bearer fpk_...``, through
Varnish (which passes keyed requests to gunicorn) and straight to gunicorn; each keyed
request is checked, counted in the database and rate-limited in Redis, and answered from
the render cache that keys of its scope share. The figures stand beside the anonymous
ones of the same targets. The partner's limit is lifted above what wrk sends, so that
wrk measures answers and not 429s; the counting still happens on every request.

Publish to webhook received: a receiver on loopback, a webhook endpoint pointing at it,
then ``count`` publishes through API v3; each is timed from its PATCH until the receiver
has a delivery of that publish whose Standard Webhooks signature verifies (the
``standardwebhooks`` package, as a partner would check it). p50 and p95 against the
issue's target of 2 s.

A measurement that fails is reported with its reason, never raised: the rest of the
bench still runs.
"""

import queue
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench.publishing import publish, publisher_token
from bench.saves import percentile

PARTNER_NAME = "Bench partner"
KEYED_TARGETS = ("api_v2_detail", "api_v2_listing_20")
KEYED_MODES = ("keyed_varnish", "keyed_gunicorn")
#: Above what wrk's 16 connections send in a minute on any machine.
UNLIMITED_PER_MINUTE = 2_000_000_000
TARGET_P95_S = 2.0
DELIVERY_TIMEOUT_S = 30


def bench_partner():
    from partners.models import Partner

    partner, _ = Partner.objects.update_or_create(
        name=PARTNER_NAME, defaults={"rate_limit_per_minute": UNLIMITED_PER_MINUTE}
    )
    return partner


def bench_partner_key(partner):
    """A new key of the partner reading every site, language and type; its full value."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Site

    from partners.models import PartnerKey, scopable_content_types

    key = PartnerKey(partner=partner, label="bench")
    full_key = key.set_new_secret()
    key.save()
    key.sites.set(Site.objects.all())
    key.locales.set(Locale.objects.all())
    key.content_types.set(ContentType.objects.filter(scopable_content_types()))
    return full_key


def webhook_endpoint(partner, url):
    """The bench's endpoint: every published page, sent to url. The one place it is made."""
    from webhooks.models import WebhookEndpoint

    return WebhookEndpoint.objects.create(
        name=f"{partner.name} receiver", url=url, event_types=["published"], partner=partner
    )


def keyed_answer(url, full_key):
    """One keyed GET: its status and the headers that say how it was answered."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {full_key}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def render_cache_status(url, full_key):
    """How a keyed request is answered once another of its scope's has been: "hit" expected."""
    keyed_answer(url, full_key)
    status, headers = keyed_answer(url, full_key)
    if status != 200:
        return f"HTTP {status}"
    if "RateLimit-Limit" not in headers:
        return "no RateLimit headers"
    return headers.get("X-Render-Cache", "not kept")


def refused_answers(measured):
    """A keyed measurement whose answers were not all 200s measured something else."""
    if measured.get("errors"):
        return measured | {"failed": f"{measured['errors']} answers were not 2xx or 3xx"}
    return measured


def measure_partner_reads(measure, urls, targets, seconds):
    """Keyed throughput of the API targets, beside the anonymous figures in ``targets``."""
    try:
        full_key = bench_partner_key(bench_partner())
    except Exception as error:  # a measurement that fails is reported, never raised
        return {"error": f"{type(error).__name__}: {error}"}
    header = [f"Authorization: Bearer {full_key}"]
    results = {}
    for name in KEYED_TARGETS:
        path = targets[name]["path"]
        row = {"path": path, "render_cache": render_cache_status(urls["gunicorn"] + path, full_key)}
        for mode, base in zip(KEYED_MODES, (urls["varnish"], urls["gunicorn"]), strict=True):
            row[mode] = refused_answers(measure(base + path, seconds, header))
        results[name] = row
    return {"targets": results}


class Receiver:
    """A webhook receiver on loopback: every POST verified with the endpoint's secret, and
    kept with the time it arrived."""

    def __init__(self):
        self.arrivals = queue.Queue()
        self.secret = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                arrived = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(204)
                self.end_headers()
                receiver.arrivals.put((arrived, receiver.verified(body, dict(self.headers))))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/webhooks/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verified(self, body, headers):
        """The payload when its signature verifies, else None."""
        from standardwebhooks import Webhook

        try:
            return Webhook(self.secret).verify(body, {k.lower(): v for k, v in headers.items()})
        except Exception:  # the verifier's refusals: a wrong signature, a stale timestamp
            return None

    def wait_for(self, page_id, after_sequence, timeout):
        """When the signed delivery of a publish of page_id after after_sequence arrived."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                arrived, message = self.arrivals.get(timeout=left)
            except queue.Empty:
                break
            if message is None:
                raise DeliveryFailed("a delivery arrived whose signature did not verify")
            event = message.get("data") or {}  # the envelope: type, timestamp, data
            if event.get("id") == page_id and (event.get("sequence") or 0) > after_sequence:
                return arrived
        raise DeliveryFailed(f"no signed delivery within {timeout} s of the publish")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class DeliveryFailed(Exception):
    """The publish's delivery did not arrive signed: the reason, in words."""


def page_to_publish():
    from procedures.models import ProcedurePage

    pages = ProcedurePage.objects.live().filter(locale__language_code="en").order_by("pk")
    page = pages.filter(slug__startswith="load-procedure-").first() or pages.first()
    if page is None:
        raise LookupError("no live English procedure page to publish")
    return page


def last_sequence():
    from django.db.models import Max

    from changes.models import ChangeEvent

    return ChangeEvent.objects.aggregate(last=Max("sequence"))["last"] or 0


def measure_publish_to_webhook(base_url, count):
    """p50 and p95 of publish (API v3) to signed delivery received; the failure's reason."""
    receiver = Receiver()
    endpoint = None
    try:
        partner = bench_partner()
        bench_partner_key(partner)  # a partner's endpoint is told what its keys may read
        endpoint = webhook_endpoint(partner, receiver.url)
        receiver.secret = endpoint.secret
        token, page = publisher_token(), page_to_publish()
        timings = []
        for n in range(count):
            after = last_sequence()
            title = f"{page.title.split(' #')[0]} #{n}-{time.time():.3f}"
            started = time.monotonic()
            publish(base_url, token, page, title)
            timings.append(receiver.wait_for(page.pk, after, DELIVERY_TIMEOUT_S) - started)
    except Exception as error:  # a measurement that fails is reported, never raised
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        receiver.close()
        if endpoint is not None:
            # Later publishes of the bench must not queue deliveries to a closed port.
            endpoint.delete()
    return {
        "count": count,
        "target_p95_s": TARGET_P95_S,
        "p50_s": statistics.median(timings),
        "p95_s": percentile(timings, 0.95),
        "max_s": max(timings),
    }


def failed_partner_measurements(report):
    """(what, reason) of every partner measurement that measured nothing."""
    failed = []
    reads = report.get("partner_reads")
    if reads and "error" in reads:
        failed.append(("partner reads", reads["error"]))
    for name, row in (reads or {}).get("targets", {}).items():
        for mode in KEYED_MODES:
            if row[mode].get("failed"):
                failed.append((f"{name} {mode}", row[mode]["failed"]))
    webhook = report.get("publish_to_webhook")
    if webhook and "error" in webhook:
        failed.append(("publish to webhook received", webhook["error"]))
    return failed


def partner_checks(report):
    """The partner path's targets, met or not."""
    checks = []
    reads = report.get("partner_reads")
    if reads is not None:
        rows = reads.get("targets", {})
        hits = bool(rows) and all(row["render_cache"] == "hit" for row in rows.values())
        checks.append(("partner reads: keyed answers come from the render cache", hits))
    webhook = report.get("publish_to_webhook")
    if webhook is not None:
        label = f"publish to webhook received: p95 < {TARGET_P95_S:g} s"
        checks.append((label, "error" not in webhook and webhook["p95_s"] < TARGET_P95_S))
    return checks


def keyed_share(keyed, anonymous):
    if not keyed.get("rps") or not anonymous.get("rps"):
        return None
    return round(keyed["rps"] / anonymous["rps"], 3)


def print_partner_reads(report, cell, ratio_cell):
    reads = report.get("partner_reads")
    if reads is None:
        return
    if "error" in reads:
        print(f"\nPartner reads: FAILED to measure: {reads['error']}")
        return
    print("\nPartner reads (Authorization: Bearer fpk_..., a key of the whole network):")
    header = (
        f"{'target':<18} | {'keyed varnish r/s':>17} {'p99':>6} | {'keyed gunicorn r/s':>18}"
        f" {'p50':>5} {'p99':>6} | {'anon gunicorn r/s':>17} | {'K/anon':>6} | render cache"
    )
    print(header)
    print("-" * len(header))
    for name, row in reads["targets"].items():
        varnish, gunicorn = row["keyed_varnish"], row["keyed_gunicorn"]
        anonymous = report["targets"][name]["gunicorn"]
        print(
            f"{name:<18} | {cell(varnish.get('rps'), '>17.1f')}"
            f" {cell(varnish.get('p99_ms'), '>6.1f')} | {cell(gunicorn.get('rps'), '>18.1f')}"
            f" {cell(gunicorn.get('p50_ms'), '>5.1f')} {cell(gunicorn.get('p99_ms'), '>6.1f')}"
            f" | {cell(anonymous.get('rps'), '>17.1f')}"
            f" | {ratio_cell(keyed_share(gunicorn, anonymous), 6)} | {row['render_cache']}"
        )
    print(
        "keyed: checked, counted and rate-limited on every request, answered from the render"
        " cache its scope shares; K/anon: keyed gunicorn r/s over anonymous gunicorn r/s."
    )


def print_publish_to_webhook(result):
    if result is None:
        return
    if "error" in result:
        print(f"\nPublish to webhook received: FAILED to measure: {result['error']}")
        return
    verdict = "pass" if result["p95_s"] < TARGET_P95_S else "FAIL"
    print(
        f"\nPublish to webhook received (API v3, {result['count']}x, signature verified):"
        f" p50 {result['p50_s'] * 1000:.0f} ms, p95 {result['p95_s'] * 1000:.0f} ms,"
        f" max {result['max_s'] * 1000:.0f} ms; target p95 < {TARGET_P95_S:g} s: {verdict}"
    )
