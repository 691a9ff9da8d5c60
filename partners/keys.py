"""Who a presented partner key is, and what it may see.

A key's row is read at most ``LOOKUP_SECONDS`` after it changed: lookups are
kept that long in the shared cache (Redis in production), so a revoked or
expired key is refused on every app server within that time. Saving a key or
its partner forgets the kept lookup at once on top of that.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from partners.models import KEY_PREFIX, PUBLIC_ID_BYTES, PartnerKey, secret_digest

PUBLIC_ID_LENGTH = 2 * PUBLIC_ID_BYTES
#: How long a key lookup is kept; the most a revocation may take to be seen everywhere.
LOOKUP_SECONDS = 5


@dataclass(frozen=True)
class KeyScope:
    """What one valid key may read, and its limit."""

    key_id: int
    partner_id: int
    rate_limit_per_minute: int
    site_ids: frozenset
    locale_ids: frozenset
    content_type_ids: frozenset
    preview: bool

    @property
    def fingerprint(self):
        """A stable digest of what the key may read, and of nothing else (not the key, not
        its partner, not its limit): keys of the same scope share it, so they share the
        answers the render cache keeps for keyed reads, and keys of different scopes never
        do. A new part of the scope (a channel) must be added here."""
        scope = {
            "sites": sorted(self.site_ids),
            "locales": sorted(self.locale_ids),
            "content_types": sorted(self.content_type_ids),
            "preview": self.preview,
        }
        return hashlib.sha256(json.dumps(scope, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class _Lookup:
    secret_hash: str
    usable_until: datetime | None
    scope: KeyScope


def presented_partner_key(request):
    """The partner key in ``Authorization: Bearer fpk_...``, or None (no key, or another kind)."""
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token.startswith(KEY_PREFIX):
        return None
    return token


def authenticate(token, now=None):
    """The scope of a usable key, or None for an unknown, garbled, revoked or expired one."""
    public_id, _, secret = token.removeprefix(KEY_PREFIX).partition("_")
    if len(public_id) != PUBLIC_ID_LENGTH or not public_id.isalnum() or not secret:
        return None
    lookup = _lookup(public_id)
    if lookup is None:
        return None
    now = now or timezone.now()
    if lookup.usable_until is not None and lookup.usable_until <= now:
        return None
    if not secrets.compare_digest(lookup.secret_hash, secret_digest(secret)):
        return None
    return lookup.scope


def _cache_key(public_id):
    return f"partners:key:{public_id}"


def _lookup(public_id):
    cache_key = _cache_key(public_id)
    lookup = cache.get(cache_key)
    if lookup is None:
        lookup = _read(public_id)
        # A miss is kept too ("" stands for "no such usable key"): a flood of made-up
        # keys must not reach the database once each.
        cache.set(cache_key, lookup or "", timeout=LOOKUP_SECONDS)
    return lookup or None


def _read(public_id):
    key = PartnerKey.objects.usable().select_related("partner").filter(public_id=public_id).first()
    if key is None:
        return None
    return _Lookup(
        secret_hash=key.secret_hash,
        usable_until=key.expires_at,
        scope=KeyScope(
            key_id=key.pk,
            partner_id=key.partner_id,
            rate_limit_per_minute=key.partner.rate_limit_per_minute,
            site_ids=frozenset(key.sites.values_list("pk", flat=True)),
            locale_ids=frozenset(key.locales.values_list("pk", flat=True)),
            content_type_ids=frozenset(key.content_types.values_list("pk", flat=True)),
            preview=key.preview,
        ),
    )


def forget(public_ids):
    """Drop kept lookups of these keys (after a change to them or to their partner)."""
    cache.delete_many([_cache_key(public_id) for public_id in public_ids])
