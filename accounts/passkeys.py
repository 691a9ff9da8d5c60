"""Passkeys (WebAuthn, django-otp-webauthn) as a second factor beside the authenticator app.

The relying party is the admin's own host unless OTP_WEBAUTHN_RP_ID names a
parent domain, and the origin a browser signs for must be the one the request
came to: production needs no list of origins, and ALLOWED_HOSTS already refuses
any host that is not ours before these run.
"""

from django.conf import settings
from django.http.request import split_domain_port
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party_id(request):
    return settings.OTP_WEBAUTHN_RP_ID or split_domain_port(request.get_host())[0]


def request_origin(request):
    return f"{request.scheme}://{request.get_host()}"


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        return [request_origin(self.request)]
