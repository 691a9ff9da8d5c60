"""A PostgreSQL cluster of a test's own: initdb in a temporary folder, on a free loopback
port, which the test may restart without touching the machine's main cluster.

Debian's server binaries (scripts/services/postgres.sh installs them under CI) are
run as the ``postgres`` user when the test runs as root, as initdb refuses root.
"""

import os
import pwd
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import psycopg

from tests.helpers import skip_for_missing_service
from tests.live_server import free_port

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
START_TIMEOUT = 60  # seconds; an upper bound on start-up, not a measurement


def _bin_dir():
    for folder in BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    skip_for_missing_service(
        "PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin: "
        "scripts/services/postgres.sh installs them)"
    )
    return None


class OwnPostgres:
    def __init__(self, folder):
        self.bin = _bin_dir()
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = self.database_url("foramen")
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                skip_for_missing_service("no postgres user to run initdb as (root cannot)")

    def database_url(self, name):
        return f"postgres://foramen:foramen@127.0.0.1:{self.port}/{name}"

    def _run(self, *args):
        """A server program, as the postgres user when we are root."""
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=START_TIMEOUT, check=True
        )

    def create(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.user is not None:
            shutil.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        password_file = self.folder / "password"
        password_file.write_text("foramen\n")
        if self.user is not None:
            shutil.chown(password_file, self.user.pw_uid, self.user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", "foramen", "--pwfile", str(password_file),
            "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.start()
        with psycopg.connect(self.database_url("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE foramen")

    def _pg_ctl(self, action, *extra):
        return self._run(
            "pg_ctl", action, "-D", str(self.data), "-w", "-t", str(START_TIMEOUT),
            "-l", str(self.folder / "server.log"),
            "-o", f"-h 127.0.0.1 -p {self.port} -k {self.folder}", *extra,
        )  # fmt: skip

    def start(self):
        self._pg_ctl("start")

    def restart(self):
        """Fast shutdown (every connection cut, as on a crash or a failover), then start."""
        self._pg_ctl("restart", "-m", "fast")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "fast")


@contextmanager
def own_postgres():
    """A new cluster in a folder of its own under /tmp (the postgres user must reach it:
    pytest's own temporary folders are private to the user running the tests)."""
    folder = tempfile.mkdtemp(prefix="foramen-postgres-")
    cluster = OwnPostgres(folder)
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
