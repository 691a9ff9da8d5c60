"""A second factor (TOTP, django-otp) for the accounts that can read patient data.

Superusers and lead managers who signed in with their password reach nothing of
the admin but the enrolment and verification pages until they give a code from
their authenticator app: a stolen password alone opens no submission.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import reads_patient_data
from core.security_headers import is_admin_path

#: Admin pages open before the second factor: signing in and out, and the factor's own.
OPEN_BEFORE_SECOND_FACTOR = [
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "accounts_two_factor_setup",
    "accounts_two_factor_verify",
]


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def needs_second_factor(user):
    return (
        settings.ACCOUNTS_REQUIRE_TWO_FACTOR
        and user.is_authenticated
        and reads_patient_data(user)
        and not user.is_verified()
    )


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and is_admin_path(request)
            and request.path_info not in {reverse(name) for name in OPEN_BEFORE_SECOND_FACTOR}
            and needs_second_factor(user)
        ):
            step = "verify" if confirmed_device(user) else "setup"
            return redirect(f"{reverse(f'accounts_two_factor_{step}')}?next={request.path}")
        return self.get_response(request)
