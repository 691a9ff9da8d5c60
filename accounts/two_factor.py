"""A second factor (django-otp) for the accounts that can read patient data.

Superusers and lead managers who signed in with their password reach nothing of
the admin but the enrolment and verification pages until they give a code from
their authenticator app (TOTP) or use one of their passkeys (WebAuthn,
accounts/passkeys.py): a stolen password alone opens no submission.
"""

import django_otp_webauthn.urls
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.roles import reads_patient_data
from core.security_headers import is_admin_path

#: Admin pages open before the second factor: signing in and out, what every admin
#: page loads (the icons, the scripts' strings), the factor's own pages, and the
#: passkey ceremonies (registering a first passkey, then using one).
OPEN_BEFORE_SECOND_FACTOR = [
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "accounts_two_factor_setup",
    "accounts_two_factor_verify",
    *(
        f"{django_otp_webauthn.urls.app_name}:{pattern.name}"
        for pattern in django_otp_webauthn.urls.urlpatterns
    ),
]


def authenticator_app(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def passkeys(user):
    return WebAuthnCredential.objects.devices_for_user(user, confirmed=True).order_by("created_at")


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def second_factor_required(user):
    return settings.ACCOUNTS_REQUIRE_TWO_FACTOR and reads_patient_data(user)


def needs_second_factor(user):
    return user.is_authenticated and second_factor_required(user) and not user.is_verified()


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
            step = "verify" if has_second_factor(user) else "setup"
            return redirect(f"{reverse(f'accounts_two_factor_{step}')}?next={request.path}")
        return self.get_response(request)
