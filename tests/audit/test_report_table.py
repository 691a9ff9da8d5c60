"""`make audit` (tools/audit/run.py) reads Lighthouse's reports into its table: a score
under its bar fails the run, and a failed measurement is a row with its reason, never a
crash that loses the other pages' scores."""

import json
import subprocess

from tools.audit import run

CATEGORY_SCORES = {"performance": 0.97, "accessibility": 1, "best-practices": 1, "seo": 0.91}


def a_report(scores=CATEGORY_SCORES):
    """A Lighthouse JSON report (its ``lhr``) with one audit that cost SEO its points."""
    return {
        "categories": {
            category: {
                "score": score,
                "auditRefs": [{"id": "viewport", "weight": 1}]
                + ([{"id": "meta-description", "weight": 1}] if category == "seo" else []),
            }
            for category, score in scores.items()
        },
        "audits": {
            "meta-description": {
                "title": "Document does not have a meta description",
                "score": 0 if scores["seo"] < 1 else 1,
                "scoreDisplayMode": "binary",
            },
            "viewport": {"title": "Has a viewport", "score": 1, "scoreDisplayMode": "binary"},
        },
    }


def measured(report, page="MRI/CT form"):
    return run.read_report(report, run.Measurement(page=page, language="en", path="/form/"))


def test_a_score_under_its_bar_fails_the_page_and_names_what_cost_it():
    item = measured(a_report())
    assert item.scores == {
        "performance": 97,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 91,
    }
    assert item.shortfalls() == ["seo"] and not item.passed
    [row] = [line for line in run.table([item]).splitlines() if line.startswith("MRI/CT form")]
    assert " ".join(row.split()) == "MRI/CT form en 97 100 100 91 under the bar: seo"
    assert run.losses_report([item]) == (
        "MRI/CT form [en] seo: Document does not have a meta description"
    )


def test_the_bars_are_the_issues():
    scores = {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}
    assert measured(a_report(scores)).passed
    assert not measured(a_report(scores | {"performance": 0.94})).passed
    assert not measured(a_report(scores | {"best-practices": 0.96})).passed


def test_a_runtime_error_is_a_failed_row_with_its_reason():
    report = {"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}}
    item = measured(report)
    assert item.error == "The page did not paint" and not item.passed
    assert "FAILED: The page did not paint" in run.table([item])


def test_a_lighthouse_that_cannot_run_is_a_failed_row(monkeypatch, tmp_path):
    """Lighthouse missing, crashing or hanging: the row says so and the other pages go on."""

    def crashing(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "Error: Unable to connect to Chrome\n")

    monkeypatch.setattr(run.subprocess, "run", crashing)
    monkeypatch.setattr(run, "RESULTS_DIR", tmp_path)
    monkeypatch.setattr(run, "warm", lambda url: None)
    item = run.measure("http://127.0.0.1:9", "home", "en", "/", runs=3)
    assert item.error == "Lighthouse exited 1: Error: Unable to connect to Chrome"
    assert "FAILED: Lighthouse exited 1" in run.table([item])


def test_the_median_run_by_performance_is_kept(monkeypatch, tmp_path):
    runs = iter([0.99, 0.80, 0.96])

    def lighthouse(url, output):
        scores = CATEGORY_SCORES | {"performance": next(runs), "seo": 1}
        output.write_text(json.dumps(a_report(scores)))
        return a_report(scores)

    monkeypatch.setattr(run, "run_lighthouse", lighthouse)
    monkeypatch.setattr(run, "RESULTS_DIR", tmp_path)
    monkeypatch.setattr(run, "warm", lambda url: None)
    item = run.measure("http://127.0.0.1:9", "home", "en", "/", runs=3)
    assert item.scores["performance"] == 96 and item.passed


def test_a_run_that_fails_alone_leaves_the_median_of_the_others(monkeypatch, tmp_path):
    outcomes = iter([0.99, "NO_NAVSTART", 0.90])

    def lighthouse(url, output):
        outcome = next(outcomes)
        if outcome == "NO_NAVSTART":
            raise RuntimeError("Lighthouse exited 1: Runtime error encountered (NO_NAVSTART)")
        return a_report(CATEGORY_SCORES | {"performance": outcome, "seo": 1})

    monkeypatch.setattr(run, "run_lighthouse", lighthouse)
    monkeypatch.setattr(run, "RESULTS_DIR", tmp_path)
    monkeypatch.setattr(run, "warm", lambda url: None)
    item = run.measure("http://127.0.0.1:9", "home", "en", "/", runs=3)
    assert not item.error and item.scores["performance"] == 90 and not item.passed
