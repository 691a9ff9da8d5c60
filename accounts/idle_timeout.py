"""Sessions that can read patient data end after a while without a request.

Superusers and lead managers can open submissions; a laptop left open must not
stay logged in for the two weeks a session otherwise lasts. Other editors keep
Django's session length. Only admin requests count: patient data is read there, and
a public page or API answer that read the session would have to say ``Vary: Cookie``
for every visitor, although none of them depends on it.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts.roles import reads_patient_data
from core.security_headers import is_admin_path

LAST_SEEN_KEY = "accounts_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None) if is_admin_path(request) else None
        if user is not None and user.is_authenticated and reads_patient_data(user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.ADMIN_IDLE_TIMEOUT:
                logout(request)
                return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
