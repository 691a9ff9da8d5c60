"""HTTP behaviour shared by every API response: caching, validators, JSON errors.

Public answers may be cached by browsers, CDNs and Varnish for a short time;
answers to token holders (who may see drafts) are never stored. Every GET
carries an ETag and a Last-Modified so that partners can revalidate cheaply.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from wagtail.api.v3.errors import problem_response

from api.compat import write_problem
from api.language import requested_language
from api.v3 import query_problem
from frontcache.content_changes import content_version
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
        if request.path.startswith(API_V3_PREFIX):
            refusal = query_problem(request) or write_problem(request)
            if refusal is not None:
                return refusal
        # Page answers name their own language (answer_in_language_of); other answers are
        # in the language asked for with ?locale=, else mix languages and name none.
        request.content_language = requested_language(request)
        with object_scope():
            response = self.get_response(request)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = api_error(request, 405, f"Method {request.method} not allowed here.")
            if allowed:
                response["Allow"] = allowed
        patch_vary_headers(response, ["Authorization"])
        if "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = "private, no-store"
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


def api_error(request, status, message):
    if request.path.startswith(API_V3_PREFIX):
        return problem_response(status=status, detail=message)
    return JsonResponse({"message": message}, status=status)
