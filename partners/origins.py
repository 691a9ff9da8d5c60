"""Browser code on a partner's own origins may call the API (django-cors-headers).

The origins of active partners are read at most ``ORIGINS_SECONDS`` after a change,
as key lookups are (partners.keys), so that a partner made inactive loses them too.
"""

from django.core.cache import cache

from partners.models import Partner

ORIGINS_SECONDS = 5
CACHE_KEY = "partners:origins"


def partner_origins():
    origins = cache.get(CACHE_KEY)
    if origins is None:
        origins = sorted(
            {
                origin
                for partner in Partner.objects.filter(active=True)
                for origin in partner.origins
            }
        )
        cache.set(CACHE_KEY, origins, timeout=ORIGINS_SECONDS)
    return origins


def allow_partner_origins(sender, request, **kwargs):
    """A ``check_request_enabled`` receiver: True for an active partner's origin."""
    origin = request.headers.get("origin")
    return bool(origin) and origin in partner_origins()


def forget():
    cache.delete(CACHE_KEY)
