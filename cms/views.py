"""The site-wide error handlers: JSON for API addresses, the site's pages for the rest."""

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
    return defaults.bad_request(request, exception)


def server_error(request):
    if is_api_request(request):
        return api_error(request, 500, "Internal server error.")
    return defaults.server_error(request)
