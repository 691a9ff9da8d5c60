"""A partner key that is not usable is refused with a JSON 401 on every read endpoint of
both APIs, the endpoints read from the v2 router and the v3 OpenAPI document."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.api.v3.urls import api as api_v3

from api.urls import urlpatterns as api_urlpatterns
from api.v2 import router as v2_router
from partners.views import revoke
from tests.builders import a_site, english
from tests.partners.conftest import bearer


def v2_read_paths():
    """Every v2 endpoint's listing and detail, and the plain views beside the router."""
    paths = []
    for name in v2_router._endpoints:
        paths += [f"/api/v2/{name}/", f"/api/v2/{name}/1/"]
    paths += [
        f"/api/{pattern.pattern}"
        for pattern in api_urlpatterns
        if hasattr(pattern, "name") and pattern.name and "<" not in str(pattern.pattern)
    ]
    return paths


def v3_read_paths():
    document = api_v3.get_openapi_schema()
    return [
        re.sub(r"\{[^}]+\}", "1", path)
        for path, operations in document["paths"].items()
        if "get" in operations
    ]


READ_PATHS = sorted(set(v2_read_paths() + v3_read_paths()))


@pytest.fixture
def unusable_keys(make_key):
    """A revoked key, an expired one, one with a wrong secret and one made up, by name."""
    built = a_site()
    scope = {"sites": [built.site], "locales": [english()]}
    revoked, revoked_value = make_key(**scope)
    revoke(revoked)
    _expired, expired_value = make_key(**scope, expires_at=timezone.now())
    _valid, valid_value = make_key(**scope)
    return {
        "revoked": revoked_value,
        "expired": expired_value,
        "wrong secret": valid_value[:-4] + "AAAA",
        "garbled": "fpk_not-a-key",
        "unknown": "fpk_000000000000_" + "A" * 43,
    }


def test_the_paths_come_from_both_apis():
    assert any(path.startswith("/api/v3/pages/") for path in READ_PATHS)
    assert "/api/v2/partner/usage/" in READ_PATHS


@pytest.mark.parametrize("path", READ_PATHS)
def test_unusable_keys_are_refused_with_json_401(client, unusable_keys, path):
    for kind, value in unusable_keys.items():
        response = client.get(path, **bearer(value))
        assert response.status_code == 401, (kind, path)
        assert "json" in response["Content-Type"], (kind, path)
        assert response["WWW-Authenticate"].startswith("Bearer"), (kind, path)
        assert "no-store" in response["Cache-Control"], (kind, path)


def test_a_revocation_is_seen_at_the_next_request(client, make_key):
    built = a_site()
    key, value = make_key(sites=[built.site], locales=[english()])
    assert client.get("/api/v2/pages/", **bearer(value), headers=built.headers).status_code == 200
    revoke(key)
    assert client.get("/api/v2/pages/", **bearer(value), headers=built.headers).status_code == 401


def test_a_key_of_an_inactive_partner_is_refused(client, make_key):
    built = a_site()
    key, value = make_key(sites=[built.site], locales=[english()])
    key.partner.active = False
    key.partner.save()
    assert client.get("/api/v2/pages/", **bearer(value)).status_code == 401


def test_a_key_past_its_expiry_is_refused(client, make_key):
    built = a_site()
    soon = timezone.now() + datetime.timedelta(seconds=1)
    key, value = make_key(sites=[built.site], locales=[english()], expires_at=soon)
    key.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    key.save()
    assert client.get("/api/v2/pages/", **bearer(value)).status_code == 401


def test_wagtail_tokens_are_still_refused_and_accepted_as_before(client, superuser):
    from wagtail.models import APIToken

    _token, plaintext = APIToken.create_token(user=superuser, name="integration")
    assert client.get("/api/v3/pages/", **bearer(plaintext)).status_code == 200
    assert client.get("/api/v3/pages/", **bearer("wagtail_nope")).status_code == 401
