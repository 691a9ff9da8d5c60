"""The site-wide error handlers: JSON for API addresses, the site's pages for the rest."""

import base64
import hashlib
from functools import cache

from django.template.loader import render_to_string
from django.views import defaults

from api.http import api_error, is_api_request


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


@cache
def error_page_style_source():
    """The CSP source of the 400 and 500 pages' inline styles: their hash, and nothing else."""
    styles = render_to_string("includes/error_page.css").encode()
    return f"'sha256-{base64.b64encode(hashlib.sha256(styles).digest()).decode()}'"


def allow_error_page_style(response):
    # These pages must not depend on static files (see 500.html), so their styles are inline.
    response._csp_update = {"style-src": [error_page_style_source()]}
    return response
