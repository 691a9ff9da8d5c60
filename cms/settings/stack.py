"""Settings of the production stack on loopback (`make stack`, `make bench`, tests/frontcache).

Production's settings, plus what only the stack needs: the demo app (the stack
loads the demo and the load-test content), the trivial view that `make bench`
measures as its floor, and the token with which the bench asks for a full
render past the render cache (a secret of each run, written by scripts/stack.sh).
"""

import os

from .production import *  # noqa: F403
from .production import DATABASES, INSTALLED_APPS, sqlite_shared_by_processes

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
ROOT_URLCONF = "bench.urls"
RENDER_CACHE_BYPASS_TOKEN = os.environ.get("RENDER_CACHE_BYPASS_TOKEN", "")
# The stack's app servers, task worker and scheduler all write its database.
sqlite_shared_by_processes(DATABASES["default"])
