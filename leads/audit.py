"""The request behind an access log entry, for entries written where no request is passed
(signal receivers of group and permission changes, and the model's own record()).

AccessLogRequestMiddleware keeps the request being answered in a context variable;
commands and shells run without one, and their entries carry no address.
"""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address

from leads.ratelimit import client_ip

USER_AGENT_MAX_LENGTH = 300

_current_request = contextvars.ContextVar("leads_current_request", default=None)
_restoring = contextvars.ContextVar("leads_restoring", default=False)


@contextmanager
def restoring_rows():
    """Rows put back from a copy of the database (Django's deserializer) grant nothing new.

    The deserializer saves raw rows, which receivers can tell, but sets their
    many-to-many links through the ordinary managers, which they cannot.
    """
    token = _restoring.set(True)
    try:
        yield
    finally:
        _restoring.reset(token)


def restoring():
    return _restoring.get()


def current_request():
    return _current_request.get()


def current_user():
    request = current_request()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def client_address(request):
    """The client's IP address as the rate limit reads it (trusted proxies), or None."""
    if request is None:
        return None
    address = client_ip(request)
    try:
        validate_ipv46_address(address)
    except ValidationError:
        return None
    return address


def user_agent(request):
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


class AccessLogRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
