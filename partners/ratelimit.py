"""Requests per key and minute, counted in the shared cache (Redis in production).

A fixed window of one minute per key: every app server adds to the same
counter, so the limit holds for the partner however its requests are spread.
When the cache is down the request goes through (and its limit is not applied):
an outage of Redis must cost the partner nothing.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Allowance:
    limit: int
    remaining: int
    #: Seconds until the window starts again.
    reset: int
    exceeded: bool

    def headers(self):
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def take(scope, now=None):
    """Count one request of the key; what is left of its minute."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    reset = max(1, (window + 1) * WINDOW_SECONDS - int(now))
    limit = scope.rate_limit_per_minute
    try:
        used = _count(f"partners:rate:{scope.key_id}:{window}")
    except Exception as error:  # the cache's own failures, whatever its backend raises
        logger.warning(
            "The partner rate-limit cache failed (%s); the limit was not applied.",
            type(error).__name__,
        )
        used = None
    if used is None:
        return Allowance(limit=limit, remaining=limit, reset=reset, exceeded=False)
    return Allowance(
        limit=limit, remaining=max(0, limit - used), reset=reset, exceeded=used > limit
    )


def _count(key):
    """The key's count with this request, or None when the cache did not answer.

    ``cms.cache.FaultTolerantRedisCache`` answers None (nothing found, nothing
    written) rather than raising while its Redis is down.
    """
    cache = caches[settings.PARTNER_RATE_LIMIT_CACHE]
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr(), or the cache lost it
        return 1 if cache.add(key, 1, timeout=WINDOW_SECONDS + 1) else None
