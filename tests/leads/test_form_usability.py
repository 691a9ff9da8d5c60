"""Forms that never fight back, on every lead form of the demo in every language: US phone
numbers with an example in the message, an error summary that leads to each field, a title
that says there was an error, and a thank-you page that tells the truth about what comes next.

The forms and languages come from the database and the settings, so a new form or language
is covered without editing this file.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from core.models import SiteSettings
from leads.forms import USPhoneField
from leads.models import LeadFormPage, LeadSubmission
from tests.helpers import default_site
from tests.leads.helpers import mri_data, upload

LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
NOT_A_PHONE_NUMBER = "12345"


def phone_message(language):
    with translation.override(language):
        return str(USPhoneField.default_error_messages["invalid_phone"])


def demo_forms(language):
    """The live lead forms of the demo's default site in language (its tree or a translation)."""
    english = LeadFormPage.objects.descendant_of(default_site().root_page)
    forms = list(
        LeadFormPage.objects.live().filter(
            locale__language_code=language,
            translation_key__in=english.values("translation_key"),
        )
    )
    assert forms, f"the demo has no live lead form in {language}"
    return forms


def fields_asking_for(page, purpose):
    return [field.clean_name for field in page.get_form_fields() if field.autocomplete == purpose]


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def path_of(page):
    return urlsplit(page.full_url).path


# --- Phone numbers ---------------------------------------------------------------


@pytest.mark.django_db
class TestPhoneNumbers:
    def test_a_us_number_is_stored_in_e164(self, site_client, mri_form):
        response = site_client.post(mri_form.url, mri_data(phone="(214) 555-0100"))
        assert response.status_code == 200
        submission = LeadSubmission.objects.get(page=mri_form)
        assert submission.form_data["phone"] == "+12145550100"

    @pytest.mark.parametrize("number", [NOT_A_PHONE_NUMBER, "+1 416 555 0100", "call me"])
    def test_a_number_that_is_not_a_us_one_is_refused_with_an_example(
        self, site_client, mri_form, number
    ):
        response = site_client.post(mri_form.url, mri_data(phone=number))
        errors = soup_of(response).select_one("#id_phone_errors")
        assert errors is not None and phone_message("en") in errors.get_text()
        assert "(214) 555-0100" in phone_message("en")
        assert f'value="{number}"' in response.content.decode()
        assert not LeadSubmission.objects.filter(page=mri_form).exists()


@pytest.mark.django_db
@pytest.mark.demo_content
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_phone_field_of_the_demo_refuses_12345_in_the_page_s_language(client, language):
    assert phone_message("es") != phone_message("en")
    checked = 0
    for page in demo_forms(language):
        for name in fields_asking_for(page, "tel"):
            response = client.post(path_of(page), {name: NOT_A_PHONE_NUMBER})
            errors = soup_of(response).select_one(f"#id_{name}_errors")
            assert errors is not None, page.url_path
            assert phone_message(language) in errors.get_text(), page.url_path
            phone_input = soup_of(response).select_one(f"input[name={name}]")
            assert phone_input["type"] == "tel"
            checked += 1
    assert checked, f"no {language} demo form asks for a phone number"


# --- The error summary -------------------------------------------------------------


def error_title(language):
    with translation.override(language):
        return translation.gettext("Error:")


@pytest.mark.django_db
@pytest.mark.demo_content
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_sent_empty_leads_to_each_field_it_refused(client, language):
    """The summary is focusable and names each refused field with a link to its input; the
    title says there was an error; every refused input is marked and described alike."""
    for page in demo_forms(language):
        response = client.post(path_of(page), {})
        soup = soup_of(response)
        where = f"{page.url_path} ({language})"
        assert soup.title.get_text().startswith(f"{error_title(language)} "), where
        summary = soup.select_one("[data-error-summary]")
        assert summary["tabindex"] == "-1", where
        assert not soup.select("main script"), where
        script = soup.select_one("head script[src$='leads/js/error-summary.js']")
        assert script is not None and not script.get_text(strip=True), where
        required = [field.clean_name for field in page.get_form_fields() if field.required]
        linked = []
        for link in summary.select("a"):
            target = soup.select_one(link["href"])
            assert target is not None and target.name in {"input", "textarea", "select"}, where
            name = target["name"]
            linked.append(name)
            assert target.get("aria-invalid") == "true", (where, name)
            errors_id = f"id_{name}_errors"
            assert errors_id in target["aria-describedby"].split(), (where, name)
            assert soup.select_one(f"#{errors_id}").get_text(strip=True), (where, name)
        assert linked == required, where


@pytest.mark.django_db
@pytest.mark.demo_content
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_shown_unsent_has_no_error_title_or_summary(client, language):
    for page in demo_forms(language):
        soup = soup_of(client.get(path_of(page)))
        assert not soup.title.get_text().startswith(error_title(language)), page.url_path
        assert soup.select_one("[data-error-summary]") is None
        assert not soup.select("script[src$='leads/js/error-summary.js']")


@pytest.mark.django_db
def test_the_rest_of_what_was_typed_is_kept_when_the_phone_is_refused(site_client, mri_form):
    response = site_client.post(mri_form.url, mri_data(phone=NOT_A_PHONE_NUMBER))
    soup = soup_of(response)
    assert [link["href"] for link in soup.select("[data-error-summary] a")] == ["#id_phone"]
    assert soup.select_one("#id_full_name")["value"] == mri_data()["full_name"]
    assert soup.select_one("#id_email")["value"] == mri_data()["email"]


# --- The thank-you page ------------------------------------------------------------

CALL_PROMISE = "A Patient Care Manager will call you within one business day."
EMAIL_PROMISE = "We will answer you by email within one business day."


def promise(language, message):
    with translation.override(language):
        return translation.gettext(message)


def answers(page, with_phone):
    """A valid submission of page: every field filled in, the phone only when with_phone."""
    data = {}
    for field in page.get_form_fields():
        if field.autocomplete == "tel":
            if with_phone:
                data[field.clean_name] = "214-555-0100"
        elif field.field_type == "email":
            data[field.clean_name] = "visitor@example.net"
        elif field.field_type == "upload":
            data[field.clean_name] = upload()
        elif field.choices:
            data[field.clean_name] = field.choices.splitlines()[0].strip()
        else:
            data[field.clean_name] = "Some words"
    return data


def thanks_of(response):
    return " ".join(soup_of(response).select_one("[role=status]").get_text(" ").split())


@pytest.mark.django_db
@pytest.mark.demo_content
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_thank_you_page_promises_a_call_only_to_those_who_gave_a_phone_number(client, language):
    call, email = promise(language, CALL_PROMISE), promise(language, EMAIL_PROMISE)
    assert call != CALL_PROMISE or language == "en"
    for page in demo_forms(language):
        where = f"{page.url_path} ({language})"
        asks_phone = bool(fields_asking_for(page, "tel"))
        phone_optional = asks_phone and not any(
            field.required for field in page.get_form_fields() if field.autocomplete == "tel"
        )
        asks_email = any(field.field_type == "email" for field in page.get_form_fields())
        cases = [True, False] if phone_optional else [asks_phone]
        for with_phone in cases:
            response = client.post(path_of(page), answers(page, with_phone))
            assert response.status_code == 200, where
            thanks = thanks_of(response)
            if with_phone:
                assert call in thanks, where
            else:
                assert call not in thanks, where
                assert (email in thanks) == asks_email, where


@pytest.mark.django_db
@pytest.mark.demo_content
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_thank_you_page_offers_a_call_the_other_calls_to_action_and_a_clinic(client, language):
    for page in demo_forms(language):
        where = f"{page.url_path} ({language})"
        site_settings = SiteSettings.for_site(page.get_site())
        response = client.post(path_of(page), answers(page, with_phone=True))
        steps = soup_of(response).select_one(".lead-form__next-steps")
        hrefs = {link["href"] for link in steps.select("a")}
        assert f"tel:{site_settings.phone_24_7}" in hrefs, where
        paths = {urlsplit(href).path for href in hrefs}
        clinic = page.location or page.clinic_finder
        assert clinic is not None and path_of(clinic) in paths, where
        other_forms = {
            path_of(other)
            for other in demo_forms(language)
            if other.pk != page.pk and other.location is None
        }
        assert other_forms & paths, where
        assert path_of(page) not in paths, where
        assert "visitor@example.net" not in response.content.decode(), where
