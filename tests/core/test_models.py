import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from core.factories import CallToActionFactory
from core.models import CallToAction
from core.phone import to_e164
from locations.models import LocationHours, LocationPage, LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from people.models import Physician
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionIndexPage, ProcedureCondition, ProcedureIndexPage
from serialization.phone import display_phone
from tests.helpers import default_site

pytestmark = pytest.mark.django_db


def error_fields(excinfo):
    return set(excinfo.value.message_dict)


class TestCallToAction:
    def test_page_and_url_together_are_refused_on_both_fields(self):
        cta = CallToActionFactory.build(
            link_page=Page.objects.filter(depth=2, locale__language_code="en").first()
        )
        with pytest.raises(ValidationError) as excinfo:
            cta.full_clean()
        assert {"link_page", "link_url"} <= error_fields(excinfo)

    def test_no_target_at_all_is_refused(self):
        cta = CallToActionFactory.build(link_url="")
        with pytest.raises(ValidationError, match="Choose a page, enter a URL or enter a phone"):
            cta.full_clean()

    def test_target_must_match_the_kind(self):
        cta = CallToActionFactory.build(kind=CallToAction.Kind.PHONE)
        with pytest.raises(ValidationError) as excinfo:
            cta.full_clean()
        assert error_fields(excinfo) == {"phone", "link_url"}

    def test_phone_is_stored_in_e164_and_shown_nationally(self):
        cta = CallToActionFactory.build(
            kind=CallToAction.Kind.PHONE, link_url="", phone="877.474.2225"
        )
        cta.full_clean()
        assert cta.phone == "+18774742225"
        assert cta.url == "tel:+18774742225"
        assert cta.phone_display == "(877) 474-2225"

    def test_page_target_resolves_to_the_page_url(self):
        page = ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en")
        cta = CallToActionFactory.build(kind=CallToAction.Kind.PAGE, link_url="", link_page=page)
        cta.full_clean()
        assert cta.url == page.url


class TestPhoneNumbers:
    def test_common_written_forms_normalise_to_e164(self):
        for written in ["877.474.2225", "(877) 474-2225", "+1 877 474 2225", "1-877-474-2225"]:
            assert to_e164(written) == "+18774742225"

    def test_invalid_numbers_are_refused(self):
        for bad in ["12", "not a phone", "+1 000 000 0000"]:
            with pytest.raises(ValidationError):
                to_e164(bad)

    def test_foreign_numbers_are_shown_internationally(self):
        assert display_phone("+442079460000").startswith("+44")


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
        physician = Physician.objects.filter(location_links__isnull=False).first()
        location = physician.location_links.first().page
        assert location in physician.practice_locations()


class TestTestimonial:
    def test_publishing_without_consent_is_refused(self):
        testimonial = TestimonialFactory(consent_on_file=None, live=False)
        revision = testimonial.save_revision()
        with pytest.raises(ValidationError) as excinfo:
            revision.publish()
        assert "consent_on_file" in error_fields(excinfo)
        testimonial.refresh_from_db()
        assert not testimonial.live

    def test_publishing_with_consent_goes_live(self):
        testimonial = TestimonialFactory(live=False)
        testimonial.save_revision().publish()
        testimonial.refresh_from_db()
        assert testimonial.live and testimonial.is_publicly_shown

    def test_a_draft_without_consent_may_be_saved_but_is_never_shown(self):
        testimonial = TestimonialFactory(consent_on_file=None, live=True)
        testimonial.full_clean()
        assert not testimonial.is_publicly_shown
        assert testimonial not in type(testimonial).objects.publicly_shown()


class TestOpeningHours:
    def test_open_day_needs_both_times_in_order(self):
        with pytest.raises(ValidationError) as excinfo:
            LocationHours(weekday=0, opens=datetime.time(9)).clean()
        assert error_fields(excinfo) == {"closes"}
        with pytest.raises(ValidationError) as excinfo:
            LocationHours(weekday=0, opens=datetime.time(17), closes=datetime.time(9)).clean()
        assert error_fields(excinfo) == {"closes"}

    def test_closed_day_has_no_times(self):
        LocationHours(weekday=6, closed=True).clean()
        with pytest.raises(ValidationError):
            LocationHours(weekday=6, closed=True, opens=datetime.time(9)).clean()


class TestDerivedRelations:
    def test_condition_lists_the_procedures_that_link_to_it(self):
        condition = ConditionPageFactory(
            parent=ConditionIndexPage.objects.in_site(default_site()).get(
                locale__language_code="en"
            )
        )
        procedure = ProcedurePageFactory(
            parent=ProcedureIndexPage.objects.in_site(default_site()).get(
                locale__language_code="en"
            )
        )
        assert list(condition.listed_procedures()) == []
        ProcedureCondition.objects.create(page=procedure, condition=condition)
        assert list(condition.listed_procedures()) == [procedure]
        assert list(procedure.listed_conditions()) == [condition]

    def test_procedure_lists_the_locations_that_offer_it(self):
        procedure = ProcedurePageFactory(
            parent=ProcedureIndexPage.objects.in_site(default_site()).get(
                locale__language_code="en"
            )
        )
        location = LocationPage.objects.live().first()
        LocationService.objects.create(page=location, procedure=procedure)
        assert list(procedure.listed_locations()) == [location]
        assert procedure in location.listed_procedures()

    def test_next_review_must_follow_the_last(self):
        procedure = ProcedurePageFactory.build(
            last_reviewed=datetime.date(2026, 5, 1), next_review=datetime.date(2026, 4, 1)
        )
        with pytest.raises(ValidationError) as excinfo:
            procedure.clean()
        assert "next_review" in error_fields(excinfo)
