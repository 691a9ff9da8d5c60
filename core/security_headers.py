"""Security headers on every answer: a Content-Security-Policy and a Permissions-Policy.

Public pages run only our own scripts and styles (``CONTENT_SECURITY_POLICY``).
The Wagtail admin still writes inline scripts and styles (widgets, inline
panels, the focal point chooser), so the addresses under the admin's home
(its previews included) get ``CONTENT_SECURITY_POLICY_ADMIN``, which allows exactly that and nothing
from other origins.
"""

from functools import cache

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class SitePolicyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_path(request):
    return request.path_info.startswith(admin_prefix())


class PermissionsPolicyMiddleware:
    """Turns off the browser features no page of ours uses (camera, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
