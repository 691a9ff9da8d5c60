"""Health endpoints for a load balancer or an orchestrator (docs/operations.md).

``/healthz`` says the process answers requests: no database, cache or file is
touched, so a shared service's outage never takes every app server out of a load
balancer at once (a Redis that is down only makes answers slower, and Varnish
serves kept pages while the database is away). ``/readyz`` says whether this
server can do all its work: the database, every configured cache (Redis in
production) and the storages of media and lead files answer. A deploy waits for it before sending
traffic to a new server; monitoring alerts on it.

Both answer ``Cache-Control: no-store`` and sit outside the language prefixes,
the render cache (which keeps named views only) and Varnish (deploy/varnish).
Their bodies name the checks and ``ok`` or ``failed``, never an error message:
those can hold host names and addresses. The reason goes to the log instead.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from django_redis.cache import RedisCache

from core.backup import content_storages

logger = logging.getLogger(__name__)
PROBE_KEY = "readyz-probe"


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_check(alias):
    """Redis is asked directly: the site's caches swallow its errors (cms/cache.py)."""
    cache = caches[alias]
    if isinstance(cache, RedisCache):
        return f"redis:{alias}", lambda: cache.client.get_client(write=True).ping()

    def round_trip():
        cache.set(PROBE_KEY, "ok", 10)
        if cache.get(PROBE_KEY) != "ok":
            raise RuntimeError(f"the cache {alias} kept nothing")

    return f"cache:{alias}", round_trip


def _storage_check(alias):
    """The media storage, and the lead files' private one: a shared folder or a bucket."""

    def check():
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            # The folder is made on the first upload, so it missing means a share not mounted.
            if not Path(storage.location).is_dir():
                raise FileNotFoundError(f"the {alias} storage's folder is missing")
        else:
            storage.exists(PROBE_KEY)

    return f"storage:{alias}", check


def readiness_checks():
    """(name, check) of every dependency, from the settings: each raises when it fails."""
    return [
        ("database", _database),
        *(_cache_check(alias) for alias in settings.CACHES),
        *(_storage_check(alias) for alias in content_storages()),
    ]


def run_checks():
    results = {}
    for name, check in readiness_checks():
        try:
            check()
        except Exception as error:  # whatever the dependency raises, it is not ready
            logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = "failed"
        else:
            results[name] = "ok"
    return results


@require_safe
def healthz(request):
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def readyz(request):
    results = run_checks()
    ready = all(result == "ok" for result in results.values())
    response = JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
    response["Cache-Control"] = "no-store"
    # The failing check is logged above with its reason; Django's own "Service
    # Unavailable" error line would only repeat it on every probe.
    response._has_been_logged = True
    return response
