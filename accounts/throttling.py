"""Password reset requests per client address, counted in the default cache.

Logins are throttled by django-axes (settings); the reset form sends mail, so it
is limited too, before Wagtail's view runs: a flood must neither mail a user
nor tell anyone which addresses have accounts.
"""

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.urls import reverse

from leads.ratelimit import client_ip


class PasswordResetThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_password_reset_request(request) and not allow_password_reset(request):
            return too_many_attempts(request, settings.PASSWORD_RESET_RATE_LIMIT_WINDOW)
        return self.get_response(request)


def is_password_reset_request(request):
    return request.method == "POST" and request.path_info == reverse("wagtailadmin_password_reset")


def too_many_attempts(request, wait_seconds):
    context = {"wait_minutes": max(1, round(wait_seconds / 60))}
    return render(request, "accounts/too_many_attempts.html", context, status=429)


def locked_out(request, original_response, credentials):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE)."""
    return too_many_attempts(request, settings.AXES_COOLOFF_TIME.total_seconds())


def allow_password_reset(request):
    cache = caches[settings.ACCOUNTS_THROTTLE_CACHE]
    key = f"accounts:password-reset:{client_ip(request)}"
    window = settings.PASSWORD_RESET_RATE_LIMIT_WINDOW
    cache.add(key, 0, timeout=window)
    return cache.incr(key) <= settings.PASSWORD_RESET_RATE_LIMIT_PER_IP
