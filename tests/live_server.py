"""The CMS as a real server process on loopback, for tests that need one.

``running_cms`` builds a fresh SQLite database and media folder, loads the demo
content, runs any extra management commands, and serves it all with
``manage.py runserver`` (settings ``cms.settings.e2e``, which serve the demo
images) on a free port until the block ends.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
SERVER_START_TIMEOUT = 60  # seconds; an upper bound on startup, not a measurement


@dataclass(frozen=True)
class LiveCMS:
    base_url: str
    log_path: Path
    #: The server's environment: ``manage(cms.env, ...)`` acts on its database.
    env: dict = field(default_factory=dict, repr=False)

    def url(self, path):
        return f"{self.base_url}{path}"

    def log_text(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines=40):
        return "\n".join(self.log_text().splitlines()[-lines:])


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    """Run a management command; its result (output in ``stdout``), or fail the test."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,  # a bound on a hang, generous for a busy machine
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def wait_until_serving(process, cms):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The CMS server exited with code {process.returncode}:\n{cms.log_tail()}")
        try:
            with urllib.request.urlopen(cms.url("/"), timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(
        f"The CMS server did not answer on {cms.base_url} within {SERVER_START_TIMEOUT}s:\n"
        f"{cms.log_tail()}"
    )


@contextmanager
def running_cms(root, setup_commands=(), host="127.0.0.1", settings_env=None):
    """Serve the demo content from ``root``; ``setup_commands`` are (env, args) to run first.

    ``host`` is the name the server is reached by (it listens on 127.0.0.1 either way:
    "localhost" for WebAuthn, which refuses an IP address as relying party), and
    ``settings_env`` adds environment variables for the server and the commands alike.
    """
    # WhiteNoise serves the folder holding "media" at the site root, so it holds nothing else.
    media_root = root / "public" / "media"
    media_root.mkdir(parents=True)
    port = free_port()
    base_url = f"http://{host}:{port}"
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.e2e",
        DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
        MEDIA_ROOT=str(media_root),
        # A stopped server runs no exit handlers: its private files stay under root.
        LEADS_PRIVATE_ROOT=str(root / "private"),
        # The demo loader gives the default Site this host and port, and absolute
        # media URLs start with it, so every URL the CMS gives out reaches this server.
        WAGTAILADMIN_BASE_URL=base_url,
        WAGTAILAPI_BASE_URL="",
        PYTHONUNBUFFERED="1",
    )
    env.update(settings_env or {})
    cms = LiveCMS(base_url=base_url, log_path=root / "server.log", env=env)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content", "-v0")
    for extra_env, args in setup_commands:
        manage(env | extra_env, *args)

    with cms.log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(process, cms)
        yield cms
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
