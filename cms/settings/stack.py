"""Settings of the production stack on loopback (`make stack`, `make bench`, tests/frontcache).

Production's settings, plus what only the stack needs: the demo app (the stack
loads the demo and the load-test content), the trivial view that `make bench`
measures as its floor, and the header with which the bench asks for a full
render past the render cache.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
ROOT_URLCONF = "bench.urls"
RENDER_CACHE_BYPASS_HEADER = True
