"""Calls to action and phone numbers: what core's models accept and show."""

import pytest
from django.core.exceptions import ValidationError

from core.factories import CallToActionFactory
from core.models import CallToAction
from core.phone import to_e164
from serialization.phone import display_phone
from tests.builders import a_site
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db


class TestCallToAction:
    def test_page_and_url_together_are_refused_on_both_fields(self):
        cta = CallToActionFactory.build(link_page=a_site().home)
        with pytest.raises(ValidationError) as excinfo:
            cta.full_clean()
        assert {"link_page", "link_url"} <= error_fields(excinfo)

    def test_no_target_at_all_is_refused(self):
        cta = CallToActionFactory.build(link_url="")
        with pytest.raises(ValidationError, match="Choose a page, enter a URL or enter a phone"):
            cta.full_clean()

    def test_target_must_match_the_kind(self):
        cta = CallToActionFactory.build(kind=CallToAction.Kind.PAGE)
        with pytest.raises(ValidationError) as excinfo:
            cta.full_clean()
        assert error_fields(excinfo) == {"link_page", "link_url"}

    def test_a_phone_call_needs_no_number_of_its_own_but_no_other_target(self):
        cta = CallToActionFactory.build(kind=CallToAction.Kind.PHONE)
        with pytest.raises(ValidationError) as excinfo:
            cta.full_clean()
        assert error_fields(excinfo) == {"link_url"}

    def test_phone_is_stored_in_e164_and_shown_nationally(self):
        cta = CallToActionFactory.build(
            kind=CallToAction.Kind.PHONE, link_url="", phone="877.474.2225"
        )
        cta.full_clean()
        assert cta.phone == "+18774742225"
        assert cta.url == "tel:+18774742225"
        assert cta.phone_display == "(877) 474-2225"

    def test_page_target_resolves_to_the_page_url(self):
        page = a_site().procedures
        cta = CallToActionFactory.build(kind=CallToAction.Kind.PAGE, link_url="", link_page=page)
        cta.full_clean()
        assert cta.url == page.url
        assert cta.url.endswith("/procedures/")


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
