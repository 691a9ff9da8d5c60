"""What the outage tests share: a bound on how long one request may take, a closed port,
and the visits they make of a site during an outage."""

import signal
import socket
from contextlib import contextmanager

from django.test import Client

# Far above every dependency's timeout: a request that takes this long hung on a
# dependency. It turns a hang into a failure instead of a stuck run; it measures nothing.
HANG_BOUND_SECONDS = 30


@contextmanager
def coming_back(what):
    def hung(signum, frame):
        raise AssertionError(f"{what} did not come back: it hung on a dependency")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_BOUND_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def a_closed_port():
    """A loopback port nothing listens on: one the system just handed out and took back."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def logging_in(built, username, password):
    """A visit that signs in to the admin: (response, whether it signed in)."""

    def log_in():
        response = Client(headers=built.headers).post(
            "/admin/login/", {"username": username, "password": password}
        )
        return response, response.status_code == 302

    return log_in


def reading(visitor, url):
    """A visit that reads ``url``: (response, no effect to check)."""
    return lambda: (visitor.get(url), None)
