"""Who the answer being built is for: the public, or a partner reading through its key.

Most of what a page shows is the same for both. A few things partners may not
republish although the site shows them (a testimonial whose patient did not
authorize syndication) are left out of a keyed answer wherever they appear:
in the page's own fields and in its blocks, which see no request. The API sets
the reader for the whole answer (api.http); keyed answers are kept apart from
the public's by every cache (frontcache.render_cache's audience).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_partner_reads = ContextVar("partner_reads", default=False)


@contextmanager
def read_by_partner():
    token = _partner_reads.set(True)
    try:
        yield
    finally:
        _partner_reads.reset(token)


def partner_reads():
    return _partner_reads.get()
