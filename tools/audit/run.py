"""The `make audit` driver: Lighthouse on the production stack (issue #23).

scripts/audit.sh installs Lighthouse (the pinned package in this folder, `npm ci`) and
runs this. It starts the stack (scripts/stack.sh) on free loopback ports with a fresh
PostgreSQL database holding the demo content, asks each page once so that Varnish holds
it as it would for visitors, then runs Lighthouse with Debian's Chromium, headless,
with its phone emulation (Lighthouse's default "mobile" form factor and throttling) on
each page of ``PAGES`` in English and Spanish, three times each (``--runs``), keeping the
run of median performance. It prints a table of the four category scores and, under it,
the audits that cost a category under 100 its points, then stops the stack.

The exit status is 1 when a score is under its bar (``BARS``) or a measurement failed;
a failed measurement is a row of the table with its reason, never a crash. The full
reports are kept in var/audit/ (one JSON per page and run) with a summary in latest.json.
"""

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
AUDIT_DIR = Path(__file__).resolve().parent
LIGHTHOUSE = AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = json.loads((AUDIT_DIR / "package.json").read_text())["devDependencies"][
    "lighthouse"
]
STACK_SCRIPT = BASE_DIR / "scripts" / "stack.sh"
RESULTS_DIR = BASE_DIR / "var" / "audit"

#: The issue's pages: (name, English path, Spanish path) on the demo content.
PAGES = (
    ("home", "/", "/es/"),
    ("procedure", "/procedures/lumbar-foraminotomy/", "/es/procedimientos/foraminotomia-lumbar/"),
    ("condition", "/conditions/spinal-stenosis/", "/es/afecciones/estenosis-espinal/"),
    ("location", "/locations/dallas-tx/", "/es/centros/dallas-tx/"),
    ("finder results", "/locations/?near=75201", "/es/centros/?near=75201"),
    (
        "MRI/CT form",
        "/free-mri-ct-review/",
        "/es/revision-gratuita-resonancia-tomografia/",
    ),
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The least score each category must reach (issue #23), out of 100.
BARS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
#: An upper bound on one Lighthouse run, not a measurement.
LIGHTHOUSE_TIMEOUT = 300
#: The ports the object store takes above its S3 gateway's (scripts/services/object-store.sh).
OBJECT_STORE_PORT_OFFSETS = (0, 47, 555, 1000, 10000, 10047, 10555, 11000)
STACK_PORTS = (
    "GUNICORN_PORT",
    "GUNICORN_PORT_2",
    "LB_PORT",
    "VARNISH_PORT",
    "VARNISH_HTTPS_PORT",
    "VARNISH_ADMIN_PORT",
    "NGINX_PORT",
    "REDIS_PORT",
    "RENDER_REDIS_PORT",
    "CLAMAV_PORT",
)


@dataclass
class Measurement:
    page: str
    language: str
    path: str
    #: Category id -> score out of 100 (None where Lighthouse gave none).
    scores: dict = field(default_factory=dict)
    #: Category id -> titles of the audits that cost it points.
    losses: dict = field(default_factory=dict)
    error: str = ""

    def shortfalls(self):
        """The categories under their bar, or every category when the run failed."""
        if self.error:
            return list(CATEGORIES)
        return [
            category
            for category in CATEGORIES
            if self.scores.get(category) is None or self.scores[category] < BARS[category]
        ]

    @property
    def passed(self):
        return not self.shortfalls()


def read_report(report, measurement):
    """Fill ``measurement`` from a Lighthouse JSON report (its ``lhr``)."""
    if report.get("runtimeError"):
        measurement.error = report["runtimeError"].get("message", "runtime error")
        return measurement
    audits = report.get("audits", {})
    for category in CATEGORIES:
        data = report.get("categories", {}).get(category) or {}
        score = data.get("score")
        measurement.scores[category] = None if score is None else round(score * 100)
        measurement.losses[category] = [
            audits[ref["id"]]["title"]
            for ref in data.get("auditRefs", [])
            if ref.get("weight") and _lost_points(audits.get(ref["id"], {}))
        ]
    return measurement


def _lost_points(audit):
    score = audit.get("score")
    return score is not None and score < 1 and audit.get("scoreDisplayMode") != "informative"


def table(measurements):
    """The table printed by `make audit` and kept in the README."""
    header = (
        f"{'page':<15} {'lang':<4} {'performance':>11} {'accessibility':>13} "
        f"{'best practices':>14} {'SEO':>4}  result"
    )
    lines = [header, "-" * len(header)]
    for item in measurements:
        if item.error:
            cells = [f"{'-':>11}", f"{'-':>13}", f"{'-':>14}", f"{'-':>4}"]
            result = f"FAILED: {item.error}"
        else:
            cells = [
                f"{_score(item.scores.get(category)):>{width}}"
                for category, width in zip(CATEGORIES, (11, 13, 14, 4), strict=True)
            ]
            result = "pass" if item.passed else "under the bar: " + ", ".join(item.shortfalls())
        lines.append(f"{item.page:<15} {item.language:<4} {' '.join(cells)}  {result}")
    bars = ", ".join(f"{category} {bar}" for category, bar in BARS.items())
    lines.append(f"Bars: {bars}. Lighthouse {LIGHTHOUSE_VERSION}, phone emulation, median run.")
    return "\n".join(lines)


def _score(value):
    return "-" if value is None else str(value)


def losses_report(measurements):
    """What cost points, per page and category under 100: the audits to fix."""
    lines = []
    for item in measurements:
        for category in CATEGORIES:
            titles = item.losses.get(category) or []
            if titles and (item.scores.get(category) or 0) < 100:
                lines.append(f"{item.page} [{item.language}] {category}: " + "; ".join(titles))
    return "\n".join(lines)


def run_lighthouse(url, output):
    """One Lighthouse run on ``url``: its report, or raises RuntimeError with the reason."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--form-factor=mobile",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    try:
        result = subprocess.run(  # noqa: S603 - the pinned Lighthouse of this folder
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=LIGHTHOUSE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise RuntimeError(f"Lighthouse ran over {LIGHTHOUSE_TIMEOUT} s") from error
    if result.returncode != 0 or not output.exists():
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"Lighthouse exited {result.returncode}: {reason[:200]}")
    return json.loads(output.read_text())


def measure(base_url, name, language, path, runs):
    """The run of median performance among ``runs`` runs of the page (Lighthouse's own
    advice: the performance score varies from run to run, most on a busy machine)."""
    slug = f"{name.replace('/', '-').replace(' ', '-').lower()}-{language}"
    results = []
    for run in range(1, runs + 1):
        measurement = Measurement(page=name, language=language, path=path)
        output = RESULTS_DIR / f"{slug}-{run}.json"
        output.unlink(missing_ok=True)
        try:
            warm(base_url + path)
            results.append(read_report(run_lighthouse(base_url + path, output), measurement))
        except (RuntimeError, OSError, ValueError) as error:
            measurement.error = str(error)
            results.append(measurement)
    return median_run(results)


def median_run(measurements):
    """The measurement whose performance score is the median one (the lower of two middles)
    among the runs that measured; the last failure when none did. A run can fail alone (the
    browser's trace lost: Lighthouse's NO_NAVSTART, "run Lighthouse again")."""
    measured = [item for item in measurements if not item.error]
    if not measured:
        return measurements[-1]
    ordered = sorted(measured, key=lambda item: item.scores.get("performance") or 0)
    return ordered[(len(ordered) - 1) // 2]


def warm(url):
    """Ask once, so that Varnish holds the page as it does for visitors."""
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
        response.read()


# --- the stack ---------------------------------------------------------------------


def _bindable(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_object_store_port():
    """An S3 port whose seven companions are free too, below the ephemeral range."""
    for _ in range(200):
        port = random.randrange(10_000, 21_000)
        if all(_bindable(port + offset) for offset in OBJECT_STORE_PORT_OFFSETS):
            return port
    raise RuntimeError("no free ports for the object store between 10000 and 32000")


def stack_environment(stack_dir):
    ports = {name: str(free_port()) for name in STACK_PORTS}
    return (
        os.environ
        | ports
        | {
            "STACK_DIR": str(stack_dir),
            "OBJECT_STORE_PORT": str(free_object_store_port()),
            "STACK_APP_SERVERS": "1",
        }
    )


def stack(action, env):
    return subprocess.run(  # noqa: S603 - the project's own script
        [str(STACK_SCRIPT), action], cwd=BASE_DIR, env=env, check=False
    )


def read_stack_env(stack_dir):
    values = {}
    for line in (stack_dir / "stack.env").read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = value.strip("'")
    return values


def audit(base_url, runs):
    measurements = []
    for name, english, spanish in PAGES:
        for language, path in (("en", english), ("es", spanish)):
            started = time.monotonic()
            item = measure(base_url, name, language, path, runs)
            print(
                f"[audit] {name} [{language}] {path}: "
                + (item.error or ", ".join(f"{c} {_score(s)}" for c, s in item.scores.items()))
                + f" ({time.monotonic() - started:.0f} s)",
                file=sys.stderr,
            )
            measurements.append(item)
    return measurements


def report(measurements, base_url, runs):
    print(table(measurements))
    losses = losses_report(measurements)
    if losses:
        print("\nWhat cost points:\n" + losses)
    summary = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "base_url": base_url,
        "bars": BARS,
        "runs": runs,
        "pages": [
            {
                "page": item.page,
                "language": item.language,
                "path": item.path,
                "scores": item.scores,
                "losses": item.losses,
                "error": item.error,
                "passed": item.passed,
            }
            for item in measurements
        ],
    }
    (RESULTS_DIR / "latest.json").write_text(json.dumps(summary, indent=2) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        help="audit a site already running at this base URL instead of starting the stack",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("AUDIT_RUNS", "3")),
        help="Lighthouse runs of each page, the median one reported (default 3, AUDIT_RUNS)",
    )
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is not installed ({LIGHTHOUSE}): run scripts/audit.sh", file=sys.stderr)
        return 2
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    if arguments.url:
        base_url = arguments.url.rstrip("/")
        measurements = audit(base_url, arguments.runs)
    else:
        stack_dir = BASE_DIR / "var" / "audit-stack"
        env = stack_environment(stack_dir)
        try:
            if stack("start", env).returncode != 0:
                print("FAILED: the stack did not start (scripts/stack.sh start)", file=sys.stderr)
                return 1
            base_url = read_stack_env(stack_dir)["STACK_VARNISH_URL"]
            measurements = audit(base_url, arguments.runs)
        finally:
            stack("stop", env)
    report(measurements, base_url, arguments.runs)
    return 0 if all(item.passed for item in measurements) else 1


if __name__ == "__main__":
    sys.exit(main())
