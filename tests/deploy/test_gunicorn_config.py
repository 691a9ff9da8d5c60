"""Two gunicorn instances on one machine share nothing (deploy/gunicorn.conf.py).

gunicorn 27 opened one control socket per user (~/.gunicorn/gunicorn.ctl) for
every instance, so a second app server or a second stack took over the first's.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.live_server import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
START_TIMEOUT = 30  # seconds; an upper bound on start-up, not a measurement


def answer(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
        return response.read()


@contextmanager
def a_gunicorn(home, port=None):
    port = port or free_port()
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    process = subprocess.Popen(
        [str(GUNICORN), "tests.deploy.wsgi_hello:application", "--config",
         "deploy/gunicorn.conf.py", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env | {"HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                answer(url)
                break
            except urllib.error.URLError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=START_TIMEOUT)


def test_two_instances_open_no_shared_control_socket(tmp_path):
    with ExitStack() as servers:
        urls = [servers.enter_context(a_gunicorn(tmp_path)) for _ in range(2)]
        assert all(answer(url).startswith(b"hello from ") for url in urls)
        assert not (tmp_path / ".gunicorn" / "gunicorn.ctl").exists()
