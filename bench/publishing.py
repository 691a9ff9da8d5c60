"""Publishing a page through API v3, as an integration does: what the bench's publish
measurements (publish to fresh, publish to webhook received) start their clocks on."""

import json
import time
import urllib.request

TIMEOUT_S = 60


def publisher_token():
    """A fresh API v3 token of the bench's superuser."""
    from django.contrib.auth import get_user_model
    from wagtail.models.api import APIToken

    user, _ = get_user_model().objects.get_or_create(
        username="bench-publisher", defaults={"is_superuser": True, "is_staff": True}
    )
    _, token = APIToken.create_token(user=user, name=f"bench {time.time():.0f}")
    return token


def publish(base_url, token, page, title):
    """Publish ``page`` with a new title through ``PATCH /api/v3/pages/<id>/``."""
    body = json.dumps(
        {"meta": {"type": page.specific_class._meta.label, "action": "publish"}, "title": title}
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/api/v3/pages/{page.pk}/",
        data=body,
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 - loopback
        return response.read()
