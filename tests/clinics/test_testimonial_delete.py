"""Deleting testimonials in the admin, one from its edit view or several from the listing,
within the clinic-scoped permissions."""

import pytest
from django.urls import reverse

from clinics.teams import CLINIC_EDITORS_PREFIX
from locations.models import LocationPage
from people.models import Testimonial

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


@pytest.fixture
def dallas(db):
    return LocationPage.objects.get(locale__language_code="en", slug="dallas-tx")


@pytest.fixture
def atlanta(db):
    return LocationPage.objects.get(locale__language_code="en", slug="atlanta-ga")


@pytest.fixture
def dallas_editor(make_user):
    return make_user("dallas-editor", f"{CLINIC_EDITORS_PREFIX}Dallas, Texas")


DELETE = "wagtailsnippets_people_testimonial:delete"


def bulk_delete_url(testimonials):
    url = reverse("wagtail_bulk_action", args=["people", "testimonial", "delete"])
    return url + "?" + "&".join(f"id={testimonial.pk}" for testimonial in testimonials)


def test_a_testimonial_is_deleted_from_its_edit_view(admin_client, dallas):
    testimonial = Testimonial.objects.filter(location=dallas).first()
    confirm = admin_client.get(reverse(DELETE, args=[testimonial.pk]))
    assert confirm.status_code == 200
    assert testimonial.display_name in confirm.content.decode()

    response = admin_client.post(reverse(DELETE, args=[testimonial.pk]))

    assert response.status_code == 302
    assert not Testimonial.objects.filter(pk=testimonial.pk).exists()


def test_a_clinic_editor_deletes_an_own_testimonial(client, dallas, dallas_editor):
    client.force_login(dallas_editor)
    testimonial = Testimonial.objects.filter(location=dallas).first()

    response = client.post(reverse(DELETE, args=[testimonial.pk]))

    assert response.status_code == 302
    assert not Testimonial.objects.filter(pk=testimonial.pk).exists()


def test_a_clinic_editor_cannot_delete_another_clinics_testimonial(client, atlanta, dallas_editor):
    client.force_login(dallas_editor)
    other = Testimonial.objects.filter(location=atlanta).first()

    response = client.post(reverse(DELETE, args=[other.pk]))

    assert response.status_code in (302, 403)
    assert Testimonial.objects.filter(pk=other.pk).exists()


def test_the_listing_deletes_several_testimonials_at_once(admin_client, dallas):
    testimonials = list(Testimonial.objects.filter(location=dallas)[:2])
    assert len(testimonials) == 2

    response = admin_client.post(bulk_delete_url(testimonials))

    assert response.status_code == 302
    assert not Testimonial.objects.filter(pk__in=[t.pk for t in testimonials]).exists()


def test_a_bulk_delete_leaves_another_clinics_testimonials(client, dallas, atlanta, dallas_editor):
    client.force_login(dallas_editor)
    own = Testimonial.objects.filter(location=dallas).first()
    other = Testimonial.objects.filter(location=atlanta).first()

    client.post(bulk_delete_url([own, other]))

    assert not Testimonial.objects.filter(pk=own.pk).exists()
    assert Testimonial.objects.filter(pk=other.pk).exists()
