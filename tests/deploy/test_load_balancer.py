"""nginx between Varnish and two app servers (deploy/nginx/load-balancer.conf).

The stack with STACK_APP_SERVERS=2 renders this file as here; the app servers
are gunicorn with the deploy settings, serving an application that names its port.
"""

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.deploy.test_gunicorn_config import a_gunicorn
from tests.helpers import skip_for_missing_service
from tests.live_server import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
SBIN_DIRS = ("/usr/sbin", "/usr/local/sbin")
START_TIMEOUT = 30  # seconds; an upper bound on start-up, not a measurement


def nginx_program():
    search_path = os.pathsep.join([os.environ.get("PATH", ""), *SBIN_DIRS])
    program = shutil.which("nginx", path=search_path)
    if program is None:
        skip_for_missing_service("nginx is not installed (scripts/stack.sh install)")
    return program


def rendered_config(run_dir, lb_port, ports):
    """The file as scripts/stack.sh fills it in."""
    text = (BASE_DIR / "deploy" / "nginx" / "load-balancer.conf").read_text()
    for placeholder, value in (
        ("RUN_DIR", str(run_dir)),
        ("LB_PORT", str(lb_port)),
        ("GUNICORN_PORT_1", str(ports[0])),
        ("GUNICORN_PORT_2", str(ports[1])),
    ):
        text = text.replace(placeholder, value)
    return text


def answer(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        return response.status, response.read().decode()


@contextmanager
def a_load_balancer(run_dir, ports):
    program = nginx_program()
    lb_port = free_port()
    (run_dir / "nginx-lb-tmp").mkdir()
    config = run_dir / "nginx-lb.conf"
    config.write_text(rendered_config(run_dir, lb_port, ports))
    subprocess.run(
        [program, "-c", str(config), "-p", str(run_dir), "-e", str(run_dir / "error.log")],
        check=True,
        timeout=START_TIMEOUT,
    )
    pid = int((run_dir / "nginx-lb.pid").read_text())
    try:
        url = f"http://127.0.0.1:{lb_port}/"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                answer(url)
                break
            except urllib.error.URLError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        os.kill(pid, signal.SIGTERM)


def test_requests_are_shared_by_both_app_servers(tmp_path):
    ports = [free_port(), free_port()]
    with ExitStack() as running:
        for port in ports:
            running.enter_context(a_gunicorn(tmp_path, port))
        url = running.enter_context(a_load_balancer(tmp_path, ports))
        answered_by = {answer(url)[1] for _ in range(6)}
    assert answered_by == {f"hello from {port}" for port in ports}


def test_an_app_server_that_is_gone_costs_no_answer(tmp_path):
    ports = [free_port(), free_port()]
    with a_gunicorn(tmp_path, ports[1]), a_load_balancer(tmp_path, ports) as url:
        with a_gunicorn(tmp_path, ports[0]):
            assert answer(url)[0] == 200
        answers = [answer(url) for _ in range(6)]
    assert answers == [(200, f"hello from {ports[1]}")] * 6
