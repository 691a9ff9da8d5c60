"""A testimonial is published only with the patient's consent on file, on every path:
the admin's publish and the API v3 publish action alike (issue #16, defect 3)."""

import datetime

import pytest
from wagtail.models import APIToken

from people.factories import TestimonialFactory
from people.models import Testimonial

pytestmark = pytest.mark.django_db


def publish_through_api_v3(client, user, testimonial):
    _token, plaintext = APIToken.create_token(user=user, name="integration")
    return client.post(
        f"/api/v3/snippets/people.Testimonial/{testimonial.pk}/actions/publish/",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )


def test_the_api_refuses_to_publish_a_testimonial_without_consent(client, superuser):
    testimonial = TestimonialFactory(consent_on_file=None, live=False)
    testimonial.save_revision()

    response = publish_through_api_v3(client, superuser, testimonial)

    assert response.status_code == 422
    assert "consent" in response.content.decode()
    assert not Testimonial.objects.get(pk=testimonial.pk).live


def test_the_api_publishes_a_testimonial_with_consent(client, superuser):
    testimonial = TestimonialFactory(consent_on_file=datetime.date(2026, 11, 2), live=False)
    testimonial.save_revision()

    response = publish_through_api_v3(client, superuser, testimonial)

    assert response.status_code == 200
    assert Testimonial.objects.get(pk=testimonial.pk).live
