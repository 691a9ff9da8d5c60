"""The production stack (scripts/stack.sh) as a test fixture, and plain HTTP against it.

``running_stack`` starts gunicorn with the production settings on a fresh
SQLite database (or the PostgreSQL database a test gives it, behind PgBouncer) with the
demo content, Redis, the object store and Varnish on free
loopback ports, and stops them all when the block ends. Requests go to Varnish's plain
HTTP listener unless they name another base, such as ``https_url``: the
listener a TLS terminator connects to, whose requests count as HTTPS.
"""

import http.client
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django_tasks_db.models import DBTaskResult

from tests.helpers import skip_for_missing_service
from tests.live_server import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
STACK_SCRIPT = BASE_DIR / "scripts" / "stack.sh"
REQUIRED_PROGRAMS = ("varnishd", "redis-server", "nginx", "clamd")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
#: The longest a due task may wait for the stack's worker.
TASKS_SECONDS = 30
SBIN_DIRS = ("/usr/sbin", "/usr/local/sbin")
#: The ports the object store takes above its S3 gateway's (scripts/services/object-store.sh).
OBJECT_STORE_PORT_OFFSETS = (0, 47, 555, 1000)
SEAWEEDFS_GRPC_OFFSET = 10000


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict
    body: str

    @property
    def cache(self):
        return self.headers.get("x-cache")


@dataclass
class Stack:
    env: dict
    varnish_url: str
    gunicorn_url: str
    root: Path
    https_url: str

    def request(self, method, path, *, headers=None, body=None, base=None):
        netloc = urlsplit(base or self.varnish_url).netloc
        connection = http.client.HTTPConnection(netloc, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            names = {name.lower(): value for name, value in response.getheaders()}
        finally:
            connection.close()
        if method not in SAFE_METHODS:
            self.wait_for_tasks()
        return Answer(response.status, names, text)

    def wait_for_tasks(self):
        """Wait until the stack's worker has run every task that is due.

        The stack queues its purges, indexing and deliveries (TASKS_BACKEND, the
        database backend) and its worker runs them a moment later: what a test reads
        after a change is what a visitor reads once that moment has passed.
        """
        deadline = time.monotonic() + TASKS_SECONDS
        while self.due_tasks():
            if time.monotonic() > deadline:
                pytest.fail(f"The stack's worker left tasks undone for {TASKS_SECONDS} s")
            time.sleep(0.1)

    def due_tasks(self):
        """How many tasks are running, or due and waiting for the worker."""
        now = datetime.now(UTC)
        [(due,)] = self.query(
            f"SELECT count(*) FROM {DBTaskResult._meta.db_table}"  # noqa: S608
            " WHERE status = 'RUNNING'"
            " OR (status = 'READY' AND (run_after <= %s OR run_after >= %s))",
            # The backend's date for "no run after", which is due at once.
            [now, datetime(9999, 1, 1, tzinfo=UTC)],
        )
        return due

    def query(self, sql, params=()):
        """Rows of ``sql`` (``%s`` placeholders) read from the stack's own database."""
        # PostgreSQL itself, past the stack's PgBouncer when it has one.
        url = self.env.get("DATABASE_DIRECT_URL") or self.env["DATABASE_URL"]
        if url.startswith("postgres"):
            with closing(psycopg.connect(url, connect_timeout=10)) as database:
                return database.execute(sql, params).fetchall()
        # SQLite keeps dates as text, compared as text: written the way Django writes them
        # (UTC, no offset, microseconds only when there are some), or "9999-01-01 00:00:00"
        # would sort before "9999-01-01 00:00:00.000000".
        params = [
            value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            if isinstance(value, datetime)
            else value
            for value in params
        ]
        with closing(sqlite3.connect(self.root / "db.sqlite3", timeout=10)) as database:
            return database.execute(sql.replace("%s", "?"), params).fetchall()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def api(self, method, path, token, payload=None):
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = json.dumps(payload) if payload is not None else None
        return self.request(method, path, headers=headers, body=body)

    def manage(self, *args, env=None):
        """manage.py with the stack's settings, and ``env``'s changes to them."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env | (env or {}),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"manage.py {args[0]} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
            )
        return result.stdout

    def python(self, code):
        """Run ``code`` in a Django shell of the stack (signals and purges included)."""
        output = self.manage("shell", "-v0", "-c", code)
        self.wait_for_tasks()
        return output


def _have_programs():
    search_path = os.pathsep.join([os.environ.get("PATH", ""), *SBIN_DIRS])
    return all(shutil.which(name, path=search_path) for name in REQUIRED_PROGRAMS)


def _read_env_file(path):
    values = {}
    for line in path.read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = value.strip("'")
    return values


def _bindable(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_object_store_port():
    """An S3 port for the object store whose seven other ports are free too.

    Chosen below the kernel's ephemeral range (32768 and up), where ``free_port``
    finds the stack's other ports, so that no port of one is taken by the other.
    """
    for _ in range(200):
        port = random.randrange(10_000, 21_000)  # noqa: S311 - a port, not a secret
        offsets = [*OBJECT_STORE_PORT_OFFSETS]
        offsets += [offset + SEAWEEDFS_GRPC_OFFSET for offset in OBJECT_STORE_PORT_OFFSETS]
        if all(_bindable(port + offset) for offset in offsets):
            return port
    pytest.fail("No free ports for the object store between 10000 and 32000")


def _stack_command(env, action):
    return subprocess.run(
        [str(STACK_SCRIPT), action],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@contextmanager
def running_stack(root, **settings):
    """The stack in ``root``; ``settings`` are environment variables for scripts/stack.sh."""
    if os.environ.get("CI") == "true":
        _stack_command(dict(os.environ), "install")
    if not _have_programs():
        skip_for_missing_service(
            f"Varnish, Redis, nginx and ClamAV are needed ({', '.join(REQUIRED_PROGRAMS)})"
        )
    env = dict(os.environ)
    env.update(
        STACK_DIR=str(root),
        DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
        GUNICORN_PORT=str(free_port()),
        VARNISH_PORT=str(free_port()),
        VARNISH_HTTPS_PORT=str(free_port()),
        VARNISH_ADMIN_PORT=str(free_port()),
        NGINX_PORT=str(free_port()),
        GUNICORN_PORT_2=str(free_port()),
        LB_PORT=str(free_port()),
        OBJECT_STORE_PORT=str(free_object_store_port()),
        REDIS_PORT=str(free_port()),
        RENDER_REDIS_PORT=str(free_port()),
        CLAMAV_PORT=str(free_port()),
        PGBOUNCER_PORT=str(free_port()),
        GUNICORN_WORKERS="2",
    )
    env.update(settings)  # DATABASE_URL too: a stack on a PostgreSQL of the test's own
    try:
        # Inside the try: a start that fails or times out half-way still stops what it started.
        started = _stack_command(env, "start")
        if started.returncode != 0:
            pytest.fail(f"scripts/stack.sh start failed:\n{started.stderr[-4000:]}")
        stack_env = env | _read_env_file(root / "stack.env")
        yield Stack(
            env=stack_env,
            varnish_url=stack_env["STACK_VARNISH_URL"],
            gunicorn_url=stack_env["STACK_GUNICORN_URL"],
            root=root,
            https_url=stack_env["STACK_VARNISH_HTTPS_URL"],
        )
    finally:
        _stack_command(env, "stop")
