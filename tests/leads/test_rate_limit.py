"""Rate limits per client IP and per email address, counted in a real Redis.

REDIS_URL names the server (scripts/test.sh starts one under CI=true with
scripts/services/redis.sh); without it these tests skip locally.
"""

import uuid

import pytest
from django.core.cache import caches

from leads.models import LeadSubmission
from tests.helpers import running_redis_url
from tests.leads.helpers import mri_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_limits(settings):
    url = running_redis_url()
    settings.CACHES = {
        **settings.CACHES,
        "rate_limits": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            # A prefix of its own per test: runs never see each other's counters.
            "KEY_PREFIX": f"foramen-test-{uuid.uuid4().hex}",
        },
    }
    settings.LEADS_RATE_LIMIT_CACHE = "rate_limits"
    settings.LEADS_RATE_LIMIT_PER_IP = 3
    settings.LEADS_RATE_LIMIT_PER_EMAIL = 2
    yield caches["rate_limits"]
    caches["rate_limits"].clear()


def test_the_ip_limit_answers_429_and_keeps_the_input(site_client, mri_form, redis_limits):
    for number in range(3):
        data = mri_data(email=f"visitor{number}@example.net")
        assert site_client.post(mri_form.url, data).status_code == 200
    response = site_client.post(mri_form.url, mri_data(email="visitor9@example.net"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "Too many requests" in html
    assert 'value="visitor9@example.net"' in html
    assert LeadSubmission.objects.filter(page=mri_form).count() == 3
    # Another address is counted on its own.
    other = site_client.post(mri_form.url, mri_data(), REMOTE_ADDR="203.0.113.7")
    assert other.status_code == 200


def test_the_email_limit_holds_across_addresses(site_client, mri_form, redis_limits):
    addresses = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    statuses = [
        site_client.post(
            mri_form.url, mri_data(email="Same@Example.net"), REMOTE_ADDR=ip
        ).status_code
        for ip in addresses
    ]
    assert statuses == [200, 200, 429]
    assert LeadSubmission.objects.filter(page=mri_form).count() == 2


def test_counters_in_redis_name_neither_address_nor_email(site_client, mri_form, redis_limits):
    site_client.post(mri_form.url, mri_data(email="someone@example.net"), REMOTE_ADDR="192.0.2.44")
    keys = [key.decode() for key in redis_limits.client.get_client().keys("*")]
    assert any("leads:rate:ip:" in key for key in keys)
    assert not [key for key in keys if "192.0.2.44" in key or "someone@" in key]
