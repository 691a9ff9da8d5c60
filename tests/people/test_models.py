"""Physicians, testimonials and medical review: what editors may save and publish."""

import pytest
from django.core.exceptions import ValidationError

from locations.factories import LocationPageFactory
from locations.models import LocationPhysician
from people.factories import PhysicianFactory, TestimonialFactory
from tests.builders import a_site
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db


class TestPhysician:
    def test_valid_npi_is_accepted(self):
        physician = PhysicianFactory.build(npi="1234567893")
        physician.full_clean()

    def test_bad_check_digit_is_refused_on_the_npi_field(self):
        physician = PhysicianFactory.build(npi="1234567890")
        with pytest.raises(ValidationError) as excinfo:
            physician.full_clean()
        assert "check digit" in excinfo.value.message_dict["npi"][0]

    def test_npi_must_be_ten_digits(self):
        for bad in ["123456789", "12345678901", "12345abc93"]:
            with pytest.raises(ValidationError) as excinfo:
                PhysicianFactory.build(npi=bad).full_clean()
            assert "npi" in error_fields(excinfo)

    def test_locations_are_derived_from_the_location_pages(self):
        site = a_site()
        physician = PhysicianFactory()
        location = LocationPageFactory(parent=site.locations, title="Plano, Texas")
        LocationPageFactory(parent=site.locations, title="Frisco, Texas")
        LocationPhysician.objects.create(page=location, physician=physician)
        assert list(physician.practice_locations()) == [location]


class TestTestimonial:
    def test_publishing_without_an_authorization_is_refused(self):
        testimonial = TestimonialFactory(authorized=False, live=False)
        revision = testimonial.save_revision()
        with pytest.raises(ValidationError) as excinfo:
            revision.publish()
        assert "active authorization" in excinfo.value.messages[0]
        testimonial.refresh_from_db()
        assert not testimonial.live

    def test_publishing_under_an_active_authorization_goes_live(self):
        testimonial = TestimonialFactory(live=False)
        testimonial.save_revision().publish()
        testimonial.refresh_from_db()
        assert testimonial.live and testimonial.is_publicly_shown

    def test_a_draft_without_an_authorization_may_be_saved_and_is_never_listed(self):
        testimonial = TestimonialFactory(authorized=False, live=False)
        testimonial.full_clean()
        assert not testimonial.is_publicly_shown
        assert testimonial not in type(testimonial).objects.publicly_shown()

    def test_a_live_one_whose_authorization_lapsed_is_due_for_withdrawal(self):
        testimonial = TestimonialFactory(authorized=False, live=True)
        assert testimonial in type(testimonial).objects.withdrawn_by_consent()
