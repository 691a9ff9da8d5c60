"""What the outage tests share: a bound on how long one request may take, and a closed port."""

import signal
import socket
from contextlib import contextmanager

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
