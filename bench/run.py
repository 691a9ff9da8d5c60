"""The `make bench` driver: measures the running stack (scripts/bench.sh starts it).

For each target (home, procedure and location HTML, API v2 detail and listing,
API v3 detail, search) wrk runs at 16 connections, two rounds (the median is
reported), in four modes: through Varnish; straight to gunicorn, where the
render cache (frontcache/render_cache.py) answers as it does on a Varnish miss;
straight to gunicorn with a full render each time (the bench-only
"X-Render-Cache" header, holding the secret of the run: RENDER_CACHE_BYPASS_TOKEN
in stack.env); and nginx serving the same bytes as a
static file. The trivial view /bench/floor/ is the framework's floor. SQL
queries per request are counted in-process with the Django test client, for
a full render and for a render-cache answer. Then publish-to-fresh over
API v3, the partner path (bench/partner_path.py: keyed reads of the API targets,
and publish to signed webhook received), an editor's save draft and publish
through the admin (bench/saves.py), worker RSS and wall time. Results: a table on stdout and
bench/results/latest.json.

``--uncached-only`` measures just the gunicorn modes (for the small data
set); ``--compare-with FILE`` adds the flat-cost table against such a file.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.stack")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import partner_path  # noqa: E402
from bench.publishing import publish, publisher_token  # noqa: E402
from bench.saves import admin_save_checks, measure_admin_saves, print_admin_saves  # noqa: E402

CONNECTIONS = 16
ROUNDS = 2
UNCACHED_MODES = ("gunicorn", "gunicorn_render")
# The issue's limit: an uncached figure at full size within 20% of the small one.
FLAT_COST_TOLERANCE = 0.2
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def targets():
    from wagtail.models import Locale

    from locations.models import LocationPage
    from procedures.models import ProcedurePage

    procedure = ProcedurePage.objects.live().filter(slug__startswith="load-procedure-").first()
    procedure = procedure or ProcedurePage.objects.live().first()
    location = LocationPage.objects.live().filter(slug__startswith="load-location-").first()
    location = location or LocationPage.objects.live().first()
    spanish_procedure = procedure.get_translation_or_none(Locale.objects.get(language_code="es"))
    return {
        "home_html": "/",
        "procedure_html": path_of(procedure),
        "procedure_html_es": path_of(spanish_procedure or procedure),
        "location_html": path_of(location),
        "api_v2_detail": f"/api/v2/pages/{procedure.pk}/",
        "api_v2_listing_20": (
            "/api/v2/pages/?type=procedures.ProcedurePage&fields=body,summary&limit=20"
        ),
        "api_v3_detail": f"/api/v3/pages/{procedure.pk}/",
        "search": "/search/?q=disc",
    }


def path_of(page):
    """The page's path on its site (``page.url`` is absolute when there are several sites)."""
    return page.get_url_parts()[2]


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback stack
        return response.read()


def parse_latency(text, percentile):
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


class MeasurementFailed(Exception):
    """wrk measured nothing usable: the reason, in words."""


def bypass_token():
    return os.environ["RENDER_CACHE_BYPASS_TOKEN"]


def wrk(url, seconds, headers=()):
    header_args = [arg for header in headers for arg in ("-H", header)]
    run = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *header_args, url],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise MeasurementFailed(f"wrk exited with {run.returncode}: {run.stderr.strip()[:200]}")
    return wrk_figures(run.stdout)


def wrk_figures(out):
    """wrk's report as figures; a busy machine can make it answer nothing at all."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    figures = {
        "rps": float(rps.group(1)) if rps else None,
        "p50_ms": parse_latency(out, 50),
        "p99_ms": parse_latency(out, 99),
    }
    missing = [key for key, value in figures.items() if not value]
    if missing:
        raise MeasurementFailed(f"wrk reported no {', '.join(missing)} (no request answered?)")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return figures | {"errors": int(non_2xx.group(1)) if non_2xx else 0}


def measure(url, seconds, headers=()):
    """The median of the rounds that measured; ``{"failed": reason}`` when none did."""
    rounds, failures = [], []
    for _ in range(ROUNDS):
        try:
            rounds.append(wrk(url, seconds, headers))
        except MeasurementFailed as failure:
            failures.append(str(failure))
    if not rounds:
        return {"failed": "; ".join(failures), "rounds": []}
    return {
        key: statistics.median(r[key] for r in rounds)
        for key in ("rps", "p50_ms", "p99_ms", "errors")
    } | {"rounds": rounds, "failed_rounds": failures}


def queries_per_request(path, **headers):
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path, **headers)  # warm per-process caches, as a long-running worker has them
    with CaptureQueriesContext(connection) as queries:
        client.get(path, **headers)
    return len(queries)


def measure_target(name, path, urls, seconds, uncached_only):
    body = fetch(urls["gunicorn"] + path)
    token = bypass_token()
    result = {
        "path": path,
        "bytes": len(body),
        "sql_queries": queries_per_request(path, HTTP_X_RENDER_CACHE=token),
        "sql_queries_render_cache": queries_per_request(path),
        "gunicorn": measure(urls["gunicorn"] + path, seconds),
        "gunicorn_render": measure(urls["gunicorn"] + path, seconds, [f"X-Render-Cache: {token}"]),
    }
    if uncached_only:
        return result
    (urls["static_dir"] / f"{name}.bin").write_bytes(body)
    fetch(urls["varnish"] + path)  # fill the cache
    result["varnish"] = measure(urls["varnish"] + path, seconds)
    result["nginx_static"] = measure(f"{urls['nginx']}/{name}.bin", seconds)
    return result


def publish_to_fresh(varnish_url, count):
    from procedures.models import ProcedurePage

    token = publisher_token()
    page = ProcedurePage.objects.live().filter(slug__startswith="load-procedure-").last()
    page = page or ProcedurePage.objects.live().last()
    page_url = varnish_url + path_of(page)
    timings, stale_after_publish = [], 0
    for n in range(count):
        fetch(page_url)
        title = f"{page.title.split(' @')[0]} @{n}-{time.time():.3f}"
        start = time.monotonic()
        publish(varnish_url, token, page, title)
        first = True
        while title.encode() not in fetch(page_url):
            stale_after_publish += first
            first = False
            time.sleep(0.01)
        timings.append(time.monotonic() - start)
    return {
        "count": count,
        "p50_s": statistics.median(timings),
        "max_s": max(timings),
        "stale_answers_after_publish_returned": stale_after_publish,
    }


def worker_rss_mb(stack_dir):
    master = (Path(stack_dir) / "gunicorn.pid").read_text().strip()
    children = subprocess.run(
        ["ps", "--ppid", master, "-o", "rss="], capture_output=True, text=True, check=True
    ).stdout.split()
    return [round(int(kb) / 1024, 1) for kb in children]


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per round")
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument(
        "--webhooks", type=int, default=20, help="publishes timed to their webhook's arrival"
    )
    parser.add_argument(
        "--saves", type=int, default=20, help="rounds of save draft and publish in the admin"
    )
    parser.add_argument("--uncached-only", action="store_true")
    parser.add_argument("--compare-with", help="results of the same targets at another size")
    parser.add_argument("--output", default=str(BASE_DIR / "bench" / "results" / "latest.json"))
    args = parser.parse_args()
    started = time.monotonic()
    urls = {
        "varnish": os.environ["STACK_VARNISH_URL"],
        "gunicorn": os.environ["STACK_GUNICORN_URL"],
        "nginx": os.environ["STACK_NGINX_URL"],
        "static_dir": Path(os.environ["STACK_DIR"]) / "static-bytes",
    }
    results = {}
    for name, path in targets().items():
        results[name] = measure_target(name, path, urls, args.seconds, args.uncached_only)
        print(f"measured {name}", file=sys.stderr)
    floor = {
        "path": "/bench/floor/",
        "sql_queries": queries_per_request("/bench/floor/"),
        "gunicorn": measure(urls["gunicorn"] + "/bench/floor/", args.seconds),
    }
    report = {
        "machine": {"cpus": os.cpu_count(), "node": platform.node()},
        "pages": page_count(),
        "targets": results,
        "floor": floor,
        "ratios": ratios(results, floor["gunicorn"].get("rps")),
    }
    if not args.uncached_only:
        report["publish_to_fresh"] = publish_to_fresh(urls["varnish"], args.publishes)
        report["partner_reads"] = partner_path.measure_partner_reads(
            measure, urls, results, args.seconds
        )
        if args.webhooks:
            report["publish_to_webhook"] = partner_path.measure_publish_to_webhook(
                urls["varnish"], args.webhooks
            )
        if args.saves:
            report["admin_saves"] = measure_admin_saves(urls["gunicorn"], args.saves)
    if args.compare_with:
        report["flat_cost"] = flat_cost(json.loads(Path(args.compare_with).read_text()), report)
    report["machine"]["load_avg"] = os.getloadavg()
    report["worker_rss_mb"] = worker_rss_mb(os.environ["STACK_DIR"])
    report["wall_time_s"] = round(time.monotonic() - started, 1)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2))
    print_table(report)


def ratios(results, floor_rps):
    table = {}
    for name, r in results.items():
        table[name] = {
            mode + "_vs_floor": ratio(r[mode].get("rps"), floor_rps) for mode in UNCACHED_MODES
        } | {
            mode + "_p99_over_p50": ratio(r[mode].get("p99_ms"), r[mode].get("p50_ms"))
            for mode in UNCACHED_MODES
        }
        if "varnish" in r:
            table[name]["varnish_vs_nginx"] = ratio(
                r["varnish"].get("rps"), r["nginx_static"].get("rps")
            )
    return table


def flat_cost(small, large):
    """Each uncached figure at this size against the same target at the other size."""
    table = {"pages": [small["pages"], large["pages"]], "targets": {}}
    for name, r in large["targets"].items():
        before = small["targets"].get(name)
        if before is None:
            continue
        row = {
            mode: ratio(r[mode].get("rps"), before[mode].get("rps")) for mode in UNCACHED_MODES
        } | {
            "sql_queries": [before["sql_queries"], r["sql_queries"]],
            "bytes": [before["bytes"], r["bytes"]],
        }
        row["flat"] = (
            all(row[mode] and row[mode] >= 1 - FLAT_COST_TOLERANCE for mode in UNCACHED_MODES)
            and before["sql_queries"] == r["sql_queries"]
        )
        table["targets"][name] = row
    return table


def page_count():
    from wagtail.models import Page

    return Page.objects.live().count()


def print_table(report):
    print(f"\nPages: {report['pages']}  load average at end: {report['machine']['load_avg']}")
    header = (
        f"{'target':<18} {'bytes':>7} {'SQL':>4} | {'varnish r/s':>11} {'p99':>6} | "
        f"{'gunicorn r/s':>12} {'p50':>5} {'p99':>6} | {'render r/s':>10} {'p50':>6} {'p99':>7} | "
        f"{'nginx r/s':>9} | {'V/nginx':>7} {'G/floor':>7} {'R/floor':>7} {'p99/p50':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, r in report["targets"].items():
        print(target_row(name, r, report["ratios"][name]))
    print(floor_row(report["floor"]))
    print(
        "gunicorn: answered by the render cache, as on a Varnish miss; render: full render"
        " every request (SQL is counted for the full render)."
    )
    if "flat_cost" in report:
        print_flat_cost(report["flat_cost"])
    fresh = report.get("publish_to_fresh")
    if fresh:
        print(
            f"\nPublish to fresh (API v3, {fresh['count']}x): p50 {fresh['p50_s'] * 1000:.0f} ms, "
            f"max {fresh['max_s'] * 1000:.0f} ms, stale answers after publish returned: "
            f"{fresh['stale_answers_after_publish_returned']}"
        )
    partner_path.print_partner_reads(report, cell, ratio_cell)
    partner_path.print_publish_to_webhook(report.get("publish_to_webhook"))
    print_admin_saves(report.get("admin_saves"))
    print(f"Worker RSS (MB): {report['worker_rss_mb']}   Wall time: {report['wall_time_s']} s")
    print_failed_measurements(report)
    print_target_checks(report)


def cell(value, spec):
    """One figure of the table; a measurement that failed shows as such, never as a crash."""
    width = int(spec.lstrip(">").split(".")[0])
    if value is None:
        return f"{'failed':>{width}}"
    return f"{value:{spec}}"


def figures(measured, *specs):
    """The r/s, p50 and p99 cells of one mode (any of them may have failed)."""
    keys = ("rps", "p50_ms", "p99_ms")
    return " ".join(cell(measured.get(key), spec) for key, spec in zip(keys, specs, strict=True))


def target_row(name, r, q):
    v, n = r.get("varnish"), r.get("nginx_static")
    varnish = (
        f"{cell(v.get('rps'), '>11.0f')} {cell(v.get('p99_ms'), '>6.1f')}"
        if v
        else f"{'':>11} {'':>6}"
    )
    nginx = cell(n.get("rps"), ">9.0f") if n else f"{'':>9}"
    return (
        f"{name:<18} {r['bytes']:>7} {r['sql_queries']:>4} | {varnish} |"
        f" {figures(r['gunicorn'], '>12.1f', '>5.1f', '>6.1f')} |"
        f" {figures(r['gunicorn_render'], '>10.1f', '>6.1f', '>7.1f')} |"
        f" {nginx} | {ratio_cell(q.get('varnish_vs_nginx', ''))}"
        f" {ratio_cell(q['gunicorn_vs_floor'])}"
        f" {ratio_cell(q['gunicorn_render_vs_floor'])} {ratio_cell(q['gunicorn_p99_over_p50'])}"
    )


def ratio_cell(value, width=7):
    return f"{'failed':>{width}}" if value is None else f"{value:>{width}}"


def floor_row(floor):
    return (
        f"{'floor (trivial)':<18} {'':>7} {floor['sql_queries']:>4} | {'':>11} {'':>6} |"
        f" {figures(floor['gunicorn'], '>12.1f', '>5.1f', '>6.1f')} |"
    )


def failed_measurements(report):
    """(what, reason) of every measurement that measured nothing."""
    failed = []
    for name, r in report["targets"].items():
        for mode, measured in r.items():
            if isinstance(measured, dict) and measured.get("failed"):
                failed.append((f"{name} {mode}", measured["failed"]))
    if report["floor"]["gunicorn"].get("failed"):
        failed.append(("floor gunicorn", report["floor"]["gunicorn"]["failed"]))
    return failed + partner_path.failed_partner_measurements(report)


def print_failed_measurements(report):
    for what, reason in failed_measurements(report):
        print(f"FAILED to measure {what}: {reason}")


UNCACHED_TARGETS = {"procedure_html": 0.15, "api_v2_detail": 0.2, "api_v2_listing_20": 0.1}


def at_least(value, floor):
    """A failed measurement (None) meets no target."""
    return value is not None and value >= floor


def below(value, ceiling):
    return value is not None and value < ceiling


def target_checks(report):
    """The issue's targets, each with whether this run meets it."""
    checks = []
    for name, q in report["ratios"].items():
        if "varnish_vs_nginx" in q:
            checks.append(
                (f"{name}: Varnish >= 50% of nginx", at_least(q["varnish_vs_nginx"], 0.5))
            )
        checks.append((f"{name}: gunicorn p99 < 10x p50", below(q["gunicorn_p99_over_p50"], 10)))
    for name, floor_share in UNCACHED_TARGETS.items():
        for mode, how in (("gunicorn", "render cache"), ("gunicorn_render", "full render")):
            share = report["ratios"][name][f"{mode}_vs_floor"]
            label = f"{name}: straight to gunicorn ({how}) >= {floor_share:.0%} of the floor"
            checks.append((label, at_least(share, floor_share)))
    for name, row in report.get("flat_cost", {}).get("targets", {}).items():
        checks.append((f"{name}: flat cost (within 20%, same SQL)", row["flat"]))
    fresh = report.get("publish_to_fresh")
    if fresh:
        checks.append(("publish to fresh: p50 <= 1 s", fresh["p50_s"] <= 1))
        stale = fresh["stale_answers_after_publish_returned"]
        checks.append(("publish to fresh: no stale answer", stale == 0))
    checks.extend(partner_path.partner_checks(report))
    checks.extend(admin_save_checks(report.get("admin_saves")))
    checks.append(("worker RSS <= 200 MB", max(report["worker_rss_mb"]) <= 200))
    return checks


def print_target_checks(report):
    checks = target_checks(report)
    missed = [label for label, met in checks if not met]
    print(f"\nTargets: {len(checks) - len(missed)} of {len(checks)} met")
    for label in missed:
        print(f"  missed: {label}")


def print_flat_cost(table):
    small, large = table["pages"]
    print(f"\nFlat cost: {large} pages against {small} pages (uncached r/s ratio, SQL queries)")
    for name, row in table["targets"].items():
        print(
            f"{name:<18} gunicorn {ratio_cell(row['gunicorn'], 6)}  "
            f"render {ratio_cell(row['gunicorn_render'], 6)}  "
            f"SQL {row['sql_queries'][0]}->{row['sql_queries'][1]}  "
            f"bytes {row['bytes'][0]}->{row['bytes'][1]}  {'flat' if row['flat'] else 'NOT FLAT'}"
        )


if __name__ == "__main__":
    main()
