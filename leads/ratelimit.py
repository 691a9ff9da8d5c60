"""Rate limits of lead submissions per client IP address and per email address.

Counters live in the cache named by LEADS_RATE_LIMIT_CACHE (Redis in production,
so every app server counts together). Keys are keyed hashes: neither addresses
nor emails are written to the cache in clear.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the address the trusted proxies saw."""
    proxies = settings.LEADS_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(kind, value):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256
    ).hexdigest()
    return f"leads:rate:{kind}:{digest}"


def _count(key):
    """Add one to the counter; its window starts with its first hit."""
    cache = caches[settings.LEADS_RATE_LIMIT_CACHE]
    window = settings.LEADS_RATE_LIMIT_WINDOW
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return 1


def exceeded(kind, value, limit):
    """Count one attempt; True when this one goes over the limit.

    A cache outage lets the visitor through: losing a patient's request would be
    worse than letting a few extra through.
    """
    if not value or not limit:
        return False
    try:
        return _count(_key(kind, value)) > limit
    except Exception:
        logger.warning("Rate-limit cache unavailable; the %s limit was not applied.", kind)
        return False


def ip_exceeded(request):
    return exceeded("ip", client_ip(request), settings.LEADS_RATE_LIMIT_PER_IP)


def email_exceeded(email):
    return exceeded("email", (email or "").strip().lower(), settings.LEADS_RATE_LIMIT_PER_EMAIL)
