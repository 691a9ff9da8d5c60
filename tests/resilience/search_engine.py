"""An OpenSearch of a test's own (scripts/services/search-engine.sh on free loopback
ports), which the test may stop (SIGSTOP) and resume without touching the shared one."""

import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.frontcache.stack import BASE_DIR
from tests.helpers import skip_for_missing_service
from tests.live_server import free_port

SCRIPT = BASE_DIR / "scripts" / "services" / "search-engine.sh"
START_TIMEOUT = 300  # seconds, a first build included; an upper bound, not a measurement


@dataclass(frozen=True)
class OwnSearchEngine:
    url: str
    pid: int


@contextmanager
def own_search_engine():
    # Under CI the script installs Java and Maven where they are missing.
    if os.environ.get("CI") != "true" and not (shutil.which("java") and shutil.which("mvn")):
        skip_for_missing_service("Java and Maven are needed for OpenSearch (search-engine.sh)")
    port = free_port()
    started = subprocess.run(
        [str(SCRIPT)],
        env=os.environ
        | {"SEARCH_ENGINE_HTTP_PORT": str(port), "SEARCH_ENGINE_TRANSPORT_PORT": str(free_port())},
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    pid_file = BASE_DIR / "services" / "search-engine" / "target" / f"engine-{port}.pid"
    if started.returncode != 0 or not pid_file.exists():
        skip_for_missing_service(f"OpenSearch did not start: {started.stderr[-2000:]}")
    pid = int(pid_file.read_text())
    try:
        yield OwnSearchEngine(url=started.stdout.strip().splitlines()[-1], pid=pid)
    finally:
        os.kill(pid, signal.SIGCONT)
        os.kill(pid, signal.SIGTERM)
        # Not our child (the script started it): its ports are free once it is gone.
        deadline = time.monotonic() + START_TIMEOUT
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        pid_file.unlink(missing_ok=True)
