"""The site-wide error handlers: JSON for API addresses, the site's pages for the rest."""

import base64
import hashlib
from functools import cache

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from api.http import api_error, is_api_request
from core.storage import (
    OBJECT_STORE_RETRY_AFTER,
    OBJECT_STORE_UNAVAILABLE,
    OBJECT_STORE_UNAVAILABLE_MESSAGE,
)


def not_found(request, exception=None):
    """JSON for API addresses, the site's 404 page for everything else."""
    if is_api_request(request):
        return api_error(request, 404, f"Not found: no API endpoint or object at {request.path}")
    return defaults.page_not_found(request, exception)


def bad_request(request, exception=None):
    if is_api_request(request):
        return api_error(request, 400, "Bad request: the address or its query is malformed.")
    return allow_error_page_style(defaults.bad_request(request, exception))


def server_error(request):
    if is_api_request(request):
        return api_error(request, 500, "Internal server error.")
    return allow_error_page_style(defaults.server_error(request))


def file_store_unavailable(request):
    """A 503 that says nothing was saved, for any request the object store failed.

    Django writes a file before its row, so an upload refused here left no row behind;
    media reads get the 503 too, which Varnish does not keep (it serves its stale copy).
    """
    if is_api_request(request):
        response = api_error(request, 503, OBJECT_STORE_UNAVAILABLE_MESSAGE)
    else:
        response = allow_error_page_style(
            HttpResponse(render_to_string("503_file_store.html", request=request), status=503)
        )
    response["Retry-After"] = str(OBJECT_STORE_RETRY_AFTER)
    return response


class FileStoreOutageMiddleware:
    """Answer a view that the object store failed with ``file_store_unavailable``, not a 500:
    the admin's image and document uploads, and media reads (core.storage.serve_media).
    API v3 answers its own uploads the same way (api/v3.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OBJECT_STORE_UNAVAILABLE):
            return file_store_unavailable(request)
        return None


@cache
def error_page_style_source():
    """The CSP source of the 400 and 500 pages' inline styles: their hash, and nothing else."""
    styles = render_to_string("includes/error_page.css").encode()
    return f"'sha256-{base64.b64encode(hashlib.sha256(styles).digest()).decode()}'"


def allow_error_page_style(response):
    # These pages must not depend on static files (error_page_base.html): inline styles.
    response._csp_update = {"style-src": [error_page_style_source()]}
    return response
