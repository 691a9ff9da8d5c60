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
a session that exists or pending messages (a made-up session cookie is no
reason to render); an answer of 200 that sets no cookie, touches
no session and is not private (forms and their CSRF tokens never qualify).
Partner keys (partners/) read the API within their scope: what one key gets,
every key of the same scope gets, so their answers are kept too, under the
scope's fingerprint beside the address, apart from the anonymous answers and
from every other scope's. The key is still checked, counted and rate-limited
on every request, hits included (api.http, which wraps this middleware).
Only its bytes and headers are kept, never the objects that made it. Pages
are kept per query parameter that their type reads (``reads_query_parameters``,
e.g. the locations index's ``near``), learnt as a page is served: marketing
and made-up parameters make no new render. API addresses are kept per query
string (its parameters in order of name) and per renderer that
content negotiation picks for the Accept header (and the indent it asks for),
never per spelling of that header; at most RENDER_CACHE_MAX_VARIANTS answers
are kept per address and content generation, so that made-up queries cannot
fill the cache. Routing, view restrictions and Wagtail's serve hooks
run as usual when an answer is rendered; restricted content is never kept,
because an anonymous visitor without a session never sees it.
"""

import hashlib
import hmac
import logging
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
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


def _has_session(request):
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return bool(key) and request.session.exists(key)


def _audience(request):
    """Who may share the answer to this request: "" for every anonymous visitor, the
    scope's fingerprint for every partner key of that scope (partners.keys.KeyScope,
    set by api.http once the key is checked, counted and rate-limited); None when the
    answer is its reader's alone (a token holder, a session, pending messages)."""
    if CookieStorage.cookie_name in request.COOKIES or _has_session(request):
        return None
    if "HTTP_AUTHORIZATION" not in request.META:
        return ""
    scope = getattr(request, "partner_scope", None)
    return None if scope is None else f"partner-scope:{scope.fingerprint}"


def _bypass_requested(request):
    # Lets `make bench` measure a full render on the stack, with the secret of its run
    # (RENDER_CACHE_BYPASS_TOKEN, empty in every settings but the stack's).
    token = settings.RENDER_CACHE_BYPASS_TOKEN
    sent = request.META.get(BYPASS_HEADER, "")
    return bool(token) and hmac.compare_digest(sent.encode(), token.encode())


def _sorted_query(request, names=None):
    """The query string with its parameters in order of name (a name's values keep theirs);
    only the parameters in names when names are given."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    kept = [pair for pair in pairs if names is None or pair[0] in names]
    return urlencode(sorted(kept, key=lambda pair: pair[0]))


def note_query_parameters_read(request, page):
    """Called as Wagtail serves a page (frontcache/wagtail_hooks.py): the parameters its
    type reads, which alone make its answers differ. Wagtail's Page reads none."""
    request._render_cache_reads = sorted(getattr(page.specific_class, "reads_query_parameters", ()))


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


def _address(request, audience):
    """What every kept answer of this address for this audience shares; a new content
    generation retires them, and so does a new day: what a page shows can change with the
    date alone (a medical review falls due, a consent lapses)."""
    return _digest(
        [
            str(content_generation()),
            timezone.localdate().isoformat(),
            audience,
            request.scheme,
            request.get_host(),
            get_language() or "",
            request.path,
        ]
    )


def _reads_key(address):
    return f"render-reads:{address}"


def _keys(address, variant):
    """The key of the answer, and the key counting the answers kept for its address."""
    return f"render:{_digest([address, *variant])}", f"render-variants:{address}"


def _variant(request, match, address):
    """What the answer depends on besides its address; None when no answer may be kept
    (an API request no renderer fits) or when that is not known before rendering (a
    page asked with a query string before its type said which parameters it reads)."""
    if _is_api(match):
        renderer = _api_variant(match, request)
        return None if renderer is None else [_sorted_query(request), renderer]
    if not request.META.get("QUERY_STRING"):
        return [""]
    reads = render_cache().get(_reads_key(address))
    return None if reads is None else [_sorted_query(request, reads)]


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
        address = getattr(request, "_render_cache_address", None)
        if address and _is_keepable(request, response):
            try:
                self.keep(request, response, address)
            except Exception:  # a full or unreachable cache costs speed, never the answer
                logger.warning("Could not keep a rendered answer in the render cache.")
        return response

    def keep(self, request, response, address):
        reads = getattr(request, "_render_cache_reads", None)
        if reads is not None:  # a page, whose type has now said what it reads
            render_cache().set(_reads_key(address), reads, settings.RENDER_CACHE_TIMEOUT)
        variant = request._render_cache_variant
        if variant is None:
            if reads is None:
                return
            variant = [_sorted_query(request, reads)]
        key, variants_key = _keys(address, variant)
        if _may_keep_another_variant(variants_key):
            render_cache().set(key, _as_kept(response), settings.RENDER_CACHE_TIMEOUT)
            response[STATUS_HEADER] = "miss"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "GET":
            return None
        audience = _audience(request)
        if audience is None:
            return None
        match = request.resolver_match
        if not _is_cacheable_view(match) or _bypass_requested(request):
            return None
        try:
            address = _address(request, audience)
            variant = _variant(request, match, address)
            if variant is None and _is_api(match):
                return None
            kept = render_cache().get(_keys(address, variant)[0]) if variant else None
        except Exception:  # an unreachable cache means rendering, as without one
            logger.warning("The render cache could not be read; rendering instead.")
            return None
        if kept is not None:
            response = _from_kept(kept)
            response[STATUS_HEADER] = "hit"
            return response
        request._render_cache_address = address
        request._render_cache_variant = variant
        return None
