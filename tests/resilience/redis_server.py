"""A redis-server of a test's own on a free loopback port, which the test may stop,
restart or freeze (SIGSTOP) without disturbing the shared one."""

import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager

import redis

from tests.helpers import skip_for_missing_service
from tests.live_server import free_port

SBIN_DIRS = ("/usr/sbin", "/usr/local/sbin")
START_TIMEOUT = 20  # seconds; an upper bound on start-up, not a measurement


def redis_server_program():
    """redis-server as scripts/services/redis.sh finds it (which installs it under CI)."""
    search_path = os.pathsep.join([os.environ.get("PATH", ""), *SBIN_DIRS])
    program = shutil.which("redis-server", path=search_path)
    if program is None:
        skip_for_missing_service("redis-server is not installed (scripts/services/redis.sh)")
    return program


class OwnRedis:
    def __init__(self, folder):
        self.program = redis_server_program()
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        """A fresh, empty server (no persistence, as the stack runs it)."""
        self.process = subprocess.Popen(
            [
                self.program,
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--dir", str(self.folder),
                "--save", "",
                "--appendonly", "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def connections_received(self):
        """How many connections the server accepted since it started (this one included)."""
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        try:
            return client.info("stats")["total_connections_received"]
        finally:
            client.close()

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=START_TIMEOUT)
            self.process = None

    def restart(self):
        self.stop()
        self.start()

    @contextmanager
    def stopped(self):
        self.stop()
        try:
            yield
        finally:
            self.start()

    @contextmanager
    def frozen(self):
        """Hung, as under SIGSTOP: connections are accepted and never answered."""
        self.process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.process.send_signal(signal.SIGCONT)


@contextmanager
def own_redis(folder):
    server = OwnRedis(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
