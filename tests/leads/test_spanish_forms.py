"""The Spanish lead forms: every word a visitor reads is Spanish, errors included, and what
they send is stored under the same field names as the English form's."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation

from leads.models import LeadFormPage, LeadSubmission
from leads.uploads import MedicalFileField
from localization.regulated import untranslated_regulated_segments
from tests.helpers import default_site
from tests.leads.helpers import EXECUTABLE_BYTES, PDF_BYTES, mri_data, upload
from tests.leads.test_upload_checks import WEB_PAGE, a_closed_port

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

SLUGS = ["free-mri-ct-review", "free-info-kit", "connect-with-a-patient", "call-me-back"]


def english_form(slug):
    network = LeadFormPage.objects.descendant_of(default_site().root_page)
    return network.get(slug=slug, locale__language_code="en")


def spanish_form(slug):
    return english_form(slug).get_translation(Locale.objects.get(language_code="es"))


def path_of(page):
    return urlsplit(page.full_url).path


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def words_of(rich_text):
    return " ".join(BeautifulSoup(rich_text, "html.parser").get_text(" ").split())


@pytest.mark.parametrize("slug", SLUGS)
def test_each_form_has_a_live_spanish_translation_with_every_field_translated(slug):
    english, spanish = english_form(slug), spanish_form(slug)
    assert spanish.live and path_of(spanish).startswith("/es/")
    pairs = list(zip(english.form_fields.all(), spanish.form_fields.all(), strict=True))
    assert pairs
    for english_field, spanish_field in pairs:
        assert spanish_field.label != english_field.label
        assert spanish_field.clean_name == english_field.clean_name
        if english_field.help_text:
            assert spanish_field.help_text != english_field.help_text
        if english_field.choices:
            assert spanish_field.choices != english_field.choices
            assert len(spanish_field.choices.splitlines()) == len(
                english_field.choices.splitlines()
            )
    for name in ("title", "intro", "consent_text", "thank_you_text"):
        assert getattr(spanish, name) and getattr(spanish, name) != getattr(english, name), name


@pytest.mark.parametrize("slug", SLUGS)
def test_the_spanish_form_shows_spanish_labels_help_and_consent(client, slug):
    english, spanish = english_form(slug), spanish_form(slug)
    response = client.get(path_of(spanish))
    assert response.status_code == 200
    text = text_of(response)
    for field in spanish.form_fields.all():
        assert field.label in text
        assert not field.help_text or field.help_text in text
    assert words_of(spanish.consent_text) in text
    assert words_of(english.consent_text) not in text
    english_labels = {f.label for f in english.form_fields.all()} - {
        f.label for f in spanish.form_fields.all()
    }
    soup = BeautifulSoup(response.content, "html.parser")
    shown_labels = {label.get_text(" ", strip=True) for label in soup.select(".form-field__label")}
    assert not {label for label in shown_labels if label.split(" (")[0] in english_labels}


@pytest.mark.parametrize("slug", SLUGS)
def test_errors_of_a_spanish_form_are_in_spanish(client, slug):
    with translation.override("es"):
        required_es = str(forms.Field.default_error_messages["required"])
    with translation.override("en"):
        required_en = str(forms.Field.default_error_messages["required"])
    assert required_es != required_en
    response = client.post(path_of(spanish_form(slug)), {})
    assert response.status_code == 200
    text = text_of(response)
    assert required_es in text
    assert required_en not in text
    assert not LeadSubmission.objects.filter(page=spanish_form(slug)).exists()


def test_a_spanish_upload_of_the_wrong_kind_is_refused_in_spanish(client):
    with translation.override("es"):
        refusal_es = str(MedicalFileField.default_error_messages["file_type"])
    response = client.post(
        path_of(spanish_form("free-mri-ct-review")),
        mri_data(mri_or_ct_report_or_images=upload(EXECUTABLE_BYTES)),
    )
    assert refusal_es in text_of(response)


def spanish_refusal(code, name):
    with translation.override("es"):
        return str(MedicalFileField.default_error_messages[code]) % {"name": name}


def test_a_spanish_upload_that_is_not_a_whole_pdf_is_refused_in_spanish(client):
    response = client.post(
        path_of(spanish_form("free-mri-ct-review")),
        mri_data(mri_or_ct_report_or_images=upload(b"%PDF-1.7\n" + WEB_PAGE, "informe.pdf")),
    )
    refusal_es = spanish_refusal("file_damaged", "informe.pdf")
    assert "No pudimos leer «informe.pdf» completo" in refusal_es
    assert refusal_es in text_of(response)


def test_a_spanish_upload_the_scanner_could_not_check_is_refused_in_spanish(client, settings):
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{a_closed_port()}"
    page = spanish_form("free-mri-ct-review")
    response = client.post(
        path_of(page), mri_data(mri_or_ct_report_or_images=upload(PDF_BYTES, "informe.pdf"))
    )
    refusal_es = spanish_refusal("scan_unavailable", "informe.pdf")
    assert "no pudimos comprobar" in refusal_es
    assert refusal_es in text_of(response)
    assert not LeadSubmission.objects.filter(page=page).exists()


def test_a_spanish_submission_is_stored_under_the_english_field_names_and_thanked_in_spanish(
    client,
):
    english, spanish = english_form("free-info-kit"), spanish_form("free-info-kit")
    data = {
        "full_name": "Ana Pérez",
        "street_address": "Calle Mayor 1",
        "city": "Dallas",
        "state": "TX",
        "zip_code": "75201",
    }
    response = client.post(path_of(spanish), data)
    assert response.status_code == 200
    assert words_of(spanish.thank_you_text) in text_of(response)
    submission = LeadSubmission.objects.get(page=spanish)
    assert set(data) <= set(submission.form_data)
    assert {name for name, _label in spanish.get_data_fields()} == {
        name for name, _label in english.get_data_fields()
    }


def test_a_spanish_form_with_untranslated_consent_wording_cannot_be_published():
    spanish = spanish_form("free-info-kit")
    consent_segments = StringSegment.objects.filter(
        source__object_id=spanish.translation_key, context__path="consent_text"
    )
    assert consent_segments.exists()
    StringTranslation.objects.filter(
        locale=spanish.locale, translation_of__in=consent_segments.values("string")
    ).delete()
    segments = untranslated_regulated_segments(spanish)
    consent = capfirst(LeadFormPage._meta.get_field("consent_text").verbose_name)
    assert segments and {str(segment.label) for segment in segments} == {str(consent)}
    with pytest.raises(ValidationError):
        spanish.full_clean()
