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
Only its bytes and headers are kept, never the objects that made it. Page
addresses with a query string are rendered each time; API addresses are kept
per query string (its parameters in order of name) and per renderer that
content negotiation picks for the Accept header (and the indent it asks for),
never per spelling of that header; at most RENDER_CACHE_MAX_VARIANTS answers
are kept per address and content generation, so that made-up queries cannot
fill the cache. Routing, view restrictions and Wagtail's serve hooks
run as usual when an answer is rendered; restricted content is never kept,
because an anonymous visitor without a session never sees it.
"""

import hashlib
import logging
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.http import parse_header_parameters
from django.utils.translation import get_language
from rest_framework.exceptions import NotAcceptable
from rest_framework.request import Request

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


def _sorted_query(request):
    """The query string with its parameters in order of name (a name's values keep theirs)."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _api_variant(match, request):
    """What an API answer's bytes depend on besides its address: the renderer that
    content negotiation picks for the Accept header, and the indent asked for.

    None when no renderer fits (a 406, never kept). Views that are not REST
    framework's (API v3, the plain JSON views) answer JSON whatever is asked.
    """
    view_class = getattr(match.func, "cls", None)  # REST framework's views name their class
    if view_class is None:
        return "json"
    negotiation = view_class.content_negotiation_class()
    renderers = [renderer() for renderer in view_class.renderer_classes]
    try:
        renderer, media_type = negotiation.select_renderer(Request(request), renderers)
    except NotAcceptable:
        return None
    indent = parse_header_parameters(media_type)[1].get("indent", "")
    return f"{renderer.format};indent={indent}"


def _digest(parts):
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cache_keys(request, match):
    """The key of the answer, and the key counting the answers kept for its address;
    None when the answer may not be kept."""
    address = [
        str(content_generation()),
        request.scheme,
        request.get_host(),
        get_language() or "",
        request.path,
    ]
    variant = []
    if _is_api(match):
        renderer = _api_variant(match, request)
        if renderer is None:
            return None
        variant = [_sorted_query(request), renderer]
    address_digest = _digest(address)
    return f"render:{_digest([address_digest, *variant])}", f"render-variants:{address_digest}"


def _may_keep_another_variant(variants_key):
    cache = render_cache()
    cache.add(variants_key, 0, settings.RENDER_CACHE_TIMEOUT)
    try:
        kept = cache.incr(variants_key)
    except ValueError:  # expired between add() and incr()
        return False
    return kept is not None and kept <= settings.RENDER_CACHE_MAX_VARIANTS


def _as_kept(response):
    return {"content": response.content, "headers": list(response.items())}


def _from_kept(kept):
    return HttpResponse(kept["content"], headers=kept["headers"])


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
        keys = getattr(request, "_render_cache_keys", None)
        if keys and _is_keepable(request, response):
            key, variants_key = keys
            try:
                if not _may_keep_another_variant(variants_key):
                    return response
                render_cache().set(key, _as_kept(response), settings.RENDER_CACHE_TIMEOUT)
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
            keys = cache_keys(request, match)
            kept = render_cache().get(keys[0]) if keys else None
        except Exception:  # an unreachable cache means rendering, as without one
            logger.warning("The render cache could not be read; rendering instead.")
            return None
        if kept is not None:
            response = _from_kept(kept)
            response[STATUS_HEADER] = "hit"
            return response
        request._render_cache_keys = keys
        return None
