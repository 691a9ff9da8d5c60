"""`make bench` reports a measurement that came back empty as failed, with its reason.

On a busy machine wrk once answered nothing, the median became None and the
table crashed with a TypeError after the whole run: every figure was lost.
"""

import shutil

import pytest

from bench import run
from tests.resilience.helpers import a_closed_port

MEASURED = {"rps": 900.0, "p50_ms": 4.0, "p99_ms": 12.0, "errors": 0, "rounds": []}
EMPTY = {"failed": "wrk reported no rps, p50_ms, p99_ms (no request answered?)", "rounds": []}


def a_report(render_measurement):
    targets = {
        name: {
            "path": "/",
            "bytes": 1000,
            "sql_queries": 3,
            "sql_queries_render_cache": 1,
            "gunicorn": MEASURED,
            "gunicorn_render": render_measurement if name == "procedure_html" else MEASURED,
            "varnish": MEASURED,
            "nginx_static": MEASURED,
        }
        for name in run.UNCACHED_TARGETS
    }
    floor = {"path": "/bench/floor/", "sql_queries": 0, "gunicorn": MEASURED}
    return {
        "machine": {"cpus": 2, "node": "test", "load_avg": (1.0, 1.0, 1.0)},
        "pages": 10,
        "targets": targets,
        "floor": floor,
        "ratios": run.ratios(targets, floor["gunicorn"].get("rps")),
        "worker_rss_mb": [100.0],
        "wall_time_s": 1.0,
    }


def test_an_empty_measurement_is_printed_as_failed_with_its_reason(capsys):
    run.print_table(a_report(EMPTY))
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("procedure_html "))
    assert "failed" in row
    assert f"FAILED to measure procedure_html gunicorn_render: {EMPTY['failed']}" in out


def test_an_empty_measurement_meets_no_target():
    checks = dict(run.target_checks(a_report(EMPTY)))
    full_render = "procedure_html: straight to gunicorn (full render) >= 15% of the floor"
    assert checks[full_render] is False
    assert checks["procedure_html: gunicorn p99 < 10x p50"] is True


def test_a_full_table_lists_no_failure(capsys):
    run.print_table(a_report(MEASURED))
    out = capsys.readouterr().out
    assert "failed" not in out
    assert "FAILED" not in out


def test_wrk_output_without_figures_is_a_failed_measurement():
    with pytest.raises(run.MeasurementFailed, match="no rps, p50_ms, p99_ms"):
        run.wrk_figures("Running 1s test @ http://127.0.0.1:8080/\n")


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (scripts/stack.sh)")
def test_measuring_a_server_that_does_not_answer_reports_why():
    measured = run.measure(f"http://127.0.0.1:{a_closed_port()}/", seconds=1)
    assert "rps" not in measured
    assert "Connection refused" in measured["failed"]
