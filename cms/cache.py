"""A Redis cache whose outage costs speed, never an answer.

Everything the site keeps in Redis outside the database can be rebuilt: Wagtail's
site root paths, the content generation, rendered answers, rate-limit counters
and the cached copy of sessions (whose store is the database). So a Redis that is
down, hung or full must mean a slower answer, not a 500: every command gives up
after the socket timeouts of ``cms.settings.base.redis_cache`` and its error is
ignored, as django-redis's ``IGNORE_EXCEPTIONS`` does (a read finds nothing, a
write is skipped). After a failure the process leaves that Redis alone for
``BACKOFF_SECONDS``, so that a hung server costs one timeout every few seconds
instead of one (or several) per request.
"""

import logging
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)
BACKOFF_SECONDS = 3.0
# When each Redis (by its LOCATION) last failed, for the whole process: Django
# makes a cache object per thread, and the back-off is the server's, not the thread's.
_failed_at = {}


class FaultTolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = True
        self._server_name = server

    @property
    def client(self):
        return _GuardedClient(super().client, self)

    def resting(self):
        """Whether this Redis failed less than BACKOFF_SECONDS ago."""
        failed_at = _failed_at.get(self._server_name)
        return failed_at is not None and time.monotonic() - failed_at < BACKOFF_SECONDS

    def note_failure(self, error):
        if not self.resting():
            logger.warning(
                "The Redis cache failed (%s); it is left alone for %s s, and the site answers "
                "without it.",
                error,
                BACKOFF_SECONDS,
            )
        _failed_at[self._server_name] = time.monotonic()


class _GuardedClient:
    """django-redis's client, refusing at once while its Redis rests and noting each failure.

    The cache's methods turn ConnectionInterrupted into "nothing found" or
    "nothing written" (IGNORE_EXCEPTIONS); other errors (a counter that is not
    there) pass as django-redis raises them.
    """

    def __init__(self, client, cache):
        self._client = client
        self._cache = cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            if self._cache.resting():
                raise ConnectionInterrupted(connection=None)
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._cache.note_failure(error)
                raise

        return guarded
