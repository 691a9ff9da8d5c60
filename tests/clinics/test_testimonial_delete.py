"""Deleting testimonials in the admin, one from its edit view or several from the listing,
within the clinic-scoped permissions."""

import pytest
from django.urls import reverse

from people.factories import TestimonialFactory
from people.models import Testimonial
from tests.builders import a_site
from tests.clinics.helpers import clinics_with_teams

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinics():
    """Two clinics with their teams: two testimonials of the first, one of the second.

    Drafts without a consent record: one that has a record is kept with it, never
    deleted (tests/people/test_consent_ledger.py).
    """
    own, other = clinics_with_teams(a_site(), "Tyler, Texas", "Athens, Georgia")
    for name, location in [("Olga P.", own), ("Ivan Q.", own), ("Mona M.", other)]:
        TestimonialFactory(display_name=name, location=location, authorized=False, live=False)
    return own, other


@pytest.fixture
def own_clinic(clinics):
    return clinics[0]


@pytest.fixture
def other_clinic(clinics):
    return clinics[1]


@pytest.fixture
def clinic_editor(own_clinic, make_user):
    return make_user("clinic-editor", own_clinic.clinic_team.editors.name)


DELETE = "wagtailsnippets_people_testimonial:delete"


def bulk_delete_url(testimonials):
    url = reverse("wagtail_bulk_action", args=["people", "testimonial", "delete"])
    return url + "?" + "&".join(f"id={testimonial.pk}" for testimonial in testimonials)


def test_a_testimonial_is_deleted_from_its_edit_view(admin_client, own_clinic):
    testimonial = Testimonial.objects.filter(location=own_clinic).first()
    confirm = admin_client.get(reverse(DELETE, args=[testimonial.pk]))
    assert confirm.status_code == 200
    assert testimonial.display_name in confirm.content.decode()

    response = admin_client.post(reverse(DELETE, args=[testimonial.pk]))

    assert response.status_code == 302
    assert not Testimonial.objects.filter(pk=testimonial.pk).exists()


def test_a_clinic_editor_deletes_an_own_testimonial(client, own_clinic, clinic_editor):
    client.force_login(clinic_editor)
    testimonial = Testimonial.objects.filter(location=own_clinic).first()

    response = client.post(reverse(DELETE, args=[testimonial.pk]))

    assert response.status_code == 302
    assert not Testimonial.objects.filter(pk=testimonial.pk).exists()


def test_a_clinic_editor_cannot_delete_another_clinics_testimonial(
    client, other_clinic, clinic_editor
):
    client.force_login(clinic_editor)
    other = Testimonial.objects.filter(location=other_clinic).first()

    response = client.post(reverse(DELETE, args=[other.pk]))

    assert response.status_code in (302, 403)
    assert Testimonial.objects.filter(pk=other.pk).exists()


def test_the_listing_deletes_several_testimonials_at_once(admin_client, own_clinic):
    testimonials = list(Testimonial.objects.filter(location=own_clinic)[:2])
    assert len(testimonials) == 2

    response = admin_client.post(bulk_delete_url(testimonials))

    assert response.status_code == 302
    assert not Testimonial.objects.filter(pk__in=[t.pk for t in testimonials]).exists()


def test_a_bulk_delete_leaves_another_clinics_testimonials(
    client, own_clinic, other_clinic, clinic_editor
):
    client.force_login(clinic_editor)
    own = Testimonial.objects.filter(location=own_clinic).first()
    other = Testimonial.objects.filter(location=other_clinic).first()

    client.post(bulk_delete_url([own, other]))

    assert not Testimonial.objects.filter(pk=own.pk).exists()
    assert Testimonial.objects.filter(pk=other.pk).exists()
