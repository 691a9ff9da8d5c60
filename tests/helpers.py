"""Plain helpers shared by the test folders: services the tests need and the demo's site."""

import os

import pytest
import redis
from wagtail.models import Site

SERVICE_SKIP_PREFIX = "service unavailable:"


def skip_for_missing_service(reason):
    """Skip locally when a real service is absent; under CI that is a failure."""
    message = f"{SERVICE_SKIP_PREFIX} {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true requires it)")
    pytest.skip(message)


def running_redis_url():
    """REDIS_URL when its server answers (scripts/services/redis.sh starts one under CI)."""
    url = os.environ.get("REDIS_URL")
    if not url:
        skip_for_missing_service("REDIS_URL is not set (scripts/services/redis.sh starts one)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_for_missing_service(f"Redis at {url} does not answer")
    return url


def default_site():
    """The network's own site; the affiliate site has sections of the same types."""
    return Site.objects.get(is_default_site=True)
