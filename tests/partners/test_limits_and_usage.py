"""Rate limits per key, counted in Redis (a real one, shared as the app servers share it),
the key's usage per day and endpoint, and rotation with an overlap."""

import datetime
import logging

import pytest
from django.utils import timezone

from partners.models import KeyUsage, PartnerKey
from partners.views import rotate
from tests.builders import a_site, english
from tests.partners.conftest import bearer

LIMIT = 3


@pytest.fixture
def limited(make_key, production_caches):
    built = a_site()
    key, value = make_key(sites=[built.site], locales=[english()])
    key.partner.rate_limit_per_minute = LIMIT
    key.partner.save()
    return built, key, value


def test_every_keyed_answer_says_what_is_left_and_past_the_limit_is_429(client, limited):
    built, _key, value = limited
    remaining = []
    for _ in range(LIMIT):
        response = client.get("/api/v2/pages/", headers=built.headers, **bearer(value))
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == str(LIMIT)
        assert 1 <= int(response["RateLimit-Reset"]) <= 60
        remaining.append(int(response["RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]
    refused = client.get("/api/v3/pages/", headers=built.headers, **bearer(value))
    assert refused.status_code == 429
    assert "json" in refused["Content-Type"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["RateLimit-Remaining"] == "0"
    # Another key of the same partner has a minute of its own.
    other_key, other_value = rotate(PartnerKey.objects.get())
    assert other_key.pk != _key.pk
    assert (
        client.get("/api/v2/pages/", headers=built.headers, **bearer(other_value)).status_code
        == 200
    )


def test_anonymous_reads_have_no_limit_headers(client, limited):
    built, _key, _value = limited
    for _ in range(LIMIT + 1):
        response = client.get("/api/v2/pages/", headers=built.headers)
        assert response.status_code == 200
        assert "RateLimit-Limit" not in response


def test_a_redis_outage_lets_keyed_requests_through(client, limited, redis_server, caplog):
    built, _key, value = limited
    redis_server.stop()
    with caplog.at_level(logging.WARNING):
        for _ in range(LIMIT + 2):
            response = client.get("/api/v2/pages/", headers=built.headers, **bearer(value))
            assert response.status_code == 200
    assert value not in caplog.text


def test_usage_counts_every_request_by_day_and_endpoint(client, make_key):
    built = a_site()
    key, value = make_key(sites=[built.site], locales=[english()])
    made = {"/api/v2/pages/": 3, "/api/v3/pages/": 2, "/api/v2/pages/<int:pk>/": 1}
    for _ in range(3):
        client.get("/api/v2/pages/", headers=built.headers, **bearer(value))
    for _ in range(2):
        client.get("/api/v3/pages/", headers=built.headers, **bearer(value))
    client.get(f"/api/v2/pages/{built.home.pk}/", headers=built.headers, **bearer(value))
    response = client.get("/api/v2/partner/usage/", **bearer(value))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    counted = {
        item["endpoint"]: item["requests"]
        for item in response.json()["items"]
        if item["key"] == key.prefix and item["day"] == timezone.localdate().isoformat()
    }
    assert {path: counted.get(path) for path in made} == made
    # The usage request itself is counted too.
    assert counted["/api/v2/partner/usage/"] == 1
    assert sum(row.requests for row in KeyUsage.objects.filter(key=key)) == 7


def test_usage_needs_a_key(client):
    response = client.get("/api/v2/partner/usage/")
    assert response.status_code == 401
    assert "json" in response["Content-Type"]


def test_usage_shows_only_the_partners_own_keys(client, make_key):
    built = a_site()
    _mine, mine = make_key(sites=[built.site], locales=[english()])
    theirs, their_value = make_key(sites=[built.site], locales=[english()])
    client.get("/api/v2/pages/", headers=built.headers, **bearer(their_value))
    items = client.get("/api/v2/partner/usage/", **bearer(mine)).json()["items"]
    assert theirs.prefix not in {item["key"] for item in items}


def test_after_a_rotation_both_keys_work_until_the_old_one_expires(client, make_key):
    built = a_site()
    old, old_value = make_key(sites=[built.site], locales=[english()])
    new, new_value = rotate(old)
    old.refresh_from_db()
    overlap = old.expires_at - timezone.now()
    assert datetime.timedelta(hours=23) < overlap <= datetime.timedelta(hours=24)
    assert set(new.sites.all()) == {built.site} and new.expires_at is None
    for value in (old_value, new_value):
        assert (
            client.get("/api/v2/pages/", headers=built.headers, **bearer(value)).status_code == 200
        )
    # The overlap ends: the old key is refused, the new one goes on.
    old.expires_at = timezone.now()
    old.save()
    assert (
        client.get("/api/v2/pages/", headers=built.headers, **bearer(old_value)).status_code == 401
    )
    assert (
        client.get("/api/v2/pages/", headers=built.headers, **bearer(new_value)).status_code == 200
    )
