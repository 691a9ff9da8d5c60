"""Finished answers for anonymous visitors, kept in the shared cache until content changes.

Varnish keeps pages, but every purge, new app server or cold CDN edge sends
requests through to Django, and rendering a page costs tens of queries and
milliseconds that can be spent once per change instead of once per request.
This middleware keeps the rendered answer of Wagtail pages and the public API
in the cache named by RENDER_CACHE_ALIAS (Redis in production, shared by every
app server), under a key that holds the content generation
(frontcache/content_changes.py): any change to content moves it, so an answer is
never served after the content it shows has changed, with no dependency
tracking to get wrong.

Only what every anonymous visitor would get is kept: GET without credentials,
a session or pending messages; an answer of 200 that sets no cookie, touches
no session and is not private (forms and their CSRF tokens never qualify).
Page addresses with a query string are rendered each time; API addresses are
kept per query string. Routing, view restrictions and Wagtail's serve hooks
run as usual when an answer is rendered; restricted content is never kept,
because an anonymous visitor without a session never sees it.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language

from frontcache.content_changes import content_generation

logger = logging.getLogger(__name__)
CACHED_URL_NAMES = {"wagtail_serve", "api_site_settings", "sitemap"}
CACHED_API_NAMESPACES = {"wagtailapi_v2", "wagtailapi_v3"}
CACHED_CONTENT_TYPES = ("text/html", "application/json", "application/xml")
# What a view may vary on while its answer stays the same for every anonymous
# visitor: the language is part of the key, credentials are never served, and
# API keys hold the Accept header.
ALLOWED_VARY = {"accept-language", "authorization", "accept-encoding"}
ALLOWED_API_VARY = ALLOWED_VARY | {"accept"}
BYPASS_HEADER = "HTTP_X_RENDER_CACHE"
STATUS_HEADER = "X-Render-Cache"


def render_cache():
    return caches[settings.RENDER_CACHE_ALIAS]


def _is_cacheable_view(match):
    if match is None:
        return False
    if match.url_name in CACHED_URL_NAMES:
        return True
    return bool(match.namespaces) and match.namespaces[0] in CACHED_API_NAMESPACES


def _is_api(match):
    return bool(match.namespaces) and match.namespaces[0] in CACHED_API_NAMESPACES


def _visitor_is_anonymous(request):
    return not (
        "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _bypass_requested(request):
    # Lets `make bench` measure a full render on the stack; off in production.
    return (
        getattr(settings, "RENDER_CACHE_BYPASS_HEADER", False)
        and request.META.get(BYPASS_HEADER) == "bypass"
    )


def cache_key(request, match):
    parts = [
        str(content_generation()),
        request.scheme,
        request.get_host(),
        get_language() or "",
        request.path,
    ]
    if _is_api(match):
        parts += [request.META.get("QUERY_STRING", ""), request.META.get("HTTP_ACCEPT", "")]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"render:{digest}"


def _is_keepable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith(CACHED_CONTENT_TYPES):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= (ALLOWED_API_VARY if _is_api(request.resolver_match) else ALLOWED_VARY):
        return False
    session = getattr(request, "session", None)
    return session is None or not session.modified


class RenderCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_render_cache_key", None)
        if key and _is_keepable(request, response):
            try:
                render_cache().set(key, response, settings.RENDER_CACHE_TIMEOUT)
            except Exception:  # a full or unreachable cache costs speed, never the answer
                logger.warning("Could not keep a rendered answer in the render cache.")
                return response
            response[STATUS_HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "GET" or not _visitor_is_anonymous(request):
            return None
        match = request.resolver_match
        if not _is_cacheable_view(match) or _bypass_requested(request):
            return None
        if request.META.get("QUERY_STRING") and not _is_api(match):
            return None
        try:
            key = cache_key(request, match)
            response = render_cache().get(key)
        except Exception:  # an unreachable cache means rendering, as without one
            logger.warning("The render cache could not be read; rendering instead.")
            return None
        if response is not None:
            response[STATUS_HEADER] = "hit"
            return response
        request._render_cache_key = key
        return None
