"""HTTP behaviour shared by every API response: caching, validators, JSON errors.

Public answers may be cached by browsers, CDNs and Varnish for a short time;
answers to token holders (who may see drafts) and to partner keys (who see their
scope only) are never stored. A partner key is checked, counted and rate-limited
here, before any endpoint runs (partners/). Every GET
carries an ETag and a Last-Modified so that partners can revalidate cheaply.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from wagtail.api.v3.errors import problem_response
from wagtail.models import APIToken

from api.compat import write_problem
from api.governance import review_field_problem
from api.language import requested_language
from api.v3 import query_problem
from frontcache.content_changes import content_version
from partners import ratelimit
from partners.keys import authenticate, presented_partner_key
from partners.models import KeyUsage
from serialization import audience
from serialization.prefetch import object_scope

API_PATH_PREFIX = "/api/"
API_V3_PREFIX = "/api/v3/"


def is_api_request(request):
    return request.path.startswith(API_PATH_PREFIX)


class APIResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        head = request.method == "HEAD" and request.path.startswith(API_V3_PREFIX)
        if head:
            # django-ninja routes HEAD nowhere (a 405); answer it as the GET without a body.
            request.method = "GET"
        response = self.respond(request)
        if head:
            request.method = "HEAD"
            if not response.streaming:
                response.content = b""
        return response

    def respond(self, request):
        token = presented_partner_key(request)
        if token is not None:
            return self.respond_to_partner(request, token)
        if bearer_token_refused(request):
            response = api_error(
                request, 401, "The bearer token is not valid (unknown or revoked)."
            )
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        return self.respond_in_full(request)

    def respond_to_partner(self, request, token):
        """A keyed request: refused when the key is not usable or past its limit, else
        answered within the key's scope (api.partner_scope), counted and marked with
        what is left of the key's minute."""
        scope = authenticate(token)
        if scope is None:
            response = api_error(
                request, 401, "The partner key is not valid (unknown, expired or revoked)."
            )
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            response["Cache-Control"] = "no-store"
            return response
        request.partner_scope = scope
        KeyUsage.count(scope.key_id, endpoint_name(request), timezone.localdate())
        allowance = ratelimit.take(scope)
        if allowance.exceeded:
            response = api_error(
                request, 429, "Too many requests for this key; try again after Retry-After."
            )
            response["Retry-After"] = str(allowance.reset)
            response["Cache-Control"] = "private, no-store"
        else:
            with audience.read_by_partner():
                response = self.respond_in_full(request)
        for name, value in allowance.headers().items():
            response[name] = value
        return response

    def respond_in_full(self, request):
        if request.path.startswith(API_V3_PREFIX):
            refusal = (
                query_problem(request) or review_field_problem(request) or write_problem(request)
            )
            if refusal is not None:
                return refusal
        # Page answers name their own language (answer_in_language_of); other answers are
        # in the language asked for with ?locale=, else mix languages and name none.
        request.content_language = requested_language(request)
        with object_scope(shared=request.method in ("GET", "HEAD")):
            response = self.get_response(request)
        if response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
            response = as_json_error(request, response)
        patch_vary_headers(response, ["Authorization"])
        if "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = "private, no-store"
            return response
        if response.get("Cache-Control", "").startswith("private"):
            # The view's answer is its reader's alone (the sync feed): no shared cache keeps it.
            return response
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            response.setdefault("Cache-Control", "no-store")
            return response
        response["Cache-Control"] = settings.API_PUBLIC_CACHE_CONTROL
        if response.streaming:
            return response
        set_response_etag(response)
        last_changed = content_version()
        response["Last-Modified"] = http_date(last_changed)
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_changed, response=response
        )


def endpoint_name(request):
    """The URL pattern a request reaches (``api/v2/pages/<int:pk>/``): usage is counted by it."""
    try:
        return "/" + resolve(request.path_info).route
    except Resolver404:
        return "(no endpoint)"


def bearer_token_refused(request):
    """Whether the request presents a bearer token that authenticates nobody.

    Such a request is refused on every endpoint, public ones included, rather than
    answered as anonymous: a partner with a revoked or mistyped key learns it at once.
    """
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    token = token.strip()
    if not APIToken.validate_token_format(token):
        return True
    api_token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
        .first()
    )
    return api_token is None or not api_token.user.is_active


def as_json_error(request, response):
    """An error page that a view outside the API's own (a URL that matches no route,
    Django's debug 404, a 405) answered under /api/, as the API's JSON error."""
    if response.status_code == 405:
        message = f"Method {request.method} not allowed here."
    elif response.status_code == 404:
        message = f"Nothing is at {request.path}."
    else:
        message = response.reason_phrase
    json_response = api_error(request, response.status_code, message)
    if response.get("Allow"):
        json_response["Allow"] = response["Allow"]
    return json_response


def api_error(request, status, message):
    if request.path.startswith(API_V3_PREFIX):
        return problem_response(status=status, detail=message)
    return JsonResponse({"message": message}, status=status)
