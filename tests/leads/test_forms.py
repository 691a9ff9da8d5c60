"""Visitors fill in the lead forms: happy paths, every validation error, uploads, abuse guards."""

import re

import pytest
from django.test import Client, override_settings

from leads.forms import HONEYPOT_FIELD
from leads.models import LeadSubmission, LeadUpload
from tests.leads.helpers import (
    DICOM_BYTES,
    EXECUTABLE_BYTES,
    PNG_BYTES,
    SECRET_NAME,
    SECRET_SYMPTOMS,
    mri_data,
    upload,
)

pytestmark = pytest.mark.django_db


def latest_submission(page):
    return LeadSubmission.objects.filter(page=page).latest("submit_time")


def field_errors(response, name):
    """The error list rendered next to a field, as text."""
    match = re.search(
        rf'<ul class="form-field__errors" id="id_{name}_errors">(.*?)</ul>',
        response.content.decode(),
        re.S,
    )
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


class TestHappyPaths:
    def test_mri_review_stores_the_values_and_the_file_and_thanks_the_visitor(
        self, site_client, mri_form
    ):
        response = site_client.post(mri_form.url, mri_data())
        assert response.status_code == 200
        assert "A Patient Care Manager will call you" in response.content.decode()
        submission = latest_submission(mri_form)
        assert submission.form_data["symptoms"] == SECRET_SYMPTOMS
        assert submission.form_data["mri_or_ct_report_or_images"] == "report.pdf"
        [stored] = submission.uploads.all()
        assert stored.content_type == "application/pdf"
        assert stored.read().startswith(b"%PDF-")

    @pytest.mark.parametrize(
        ("content", "name", "content_type"),
        [(PNG_BYTES, "scan.png", "image/png"), (DICOM_BYTES, "IM0001", "application/dicom")],
    )
    def test_mri_review_takes_images_and_dicom_by_content(
        self, site_client, mri_form, content, name, content_type
    ):
        response = site_client.post(
            mri_form.url, mri_data(mri_or_ct_report_or_images=upload(content, name))
        )
        assert response.status_code == 200
        assert latest_submission(mri_form).uploads.get().content_type == content_type

    def test_info_kit_stores_the_postal_address(self, site_client, info_kit_form):
        data = {
            "full_name": SECRET_NAME,
            "street_address": "12 Elm Street",
            "city": "Plano",
            "state": "TX",
            "zip_code": "75024",
        }
        response = site_client.post(info_kit_form.url, data)
        assert "Your info kit is on its way" in response.content.decode()
        assert latest_submission(info_kit_form).form_data["street_address"] == "12 Elm Street"

    def test_connect_with_a_patient_stores_condition_and_contact_preference(
        self, site_client, connect_form
    ):
        data = {
            "full_name": SECRET_NAME,
            "email": "pat@example.net",
            "condition": "Spinal stenosis",
            "procedure_of_interest": "Lumbar foraminotomy",
            "how_should_we_contact_you": "Email",
        }
        response = site_client.post(connect_form.url, data)
        assert "arrange a conversation" in response.content.decode()
        stored = latest_submission(connect_form).form_data
        assert stored["condition"] == "Spinal stenosis"
        assert stored["how_should_we_contact_you"] == "Email"

    def test_call_me_back_belongs_to_its_clinic(self, site_client, call_back_form):
        page = site_client.get(call_back_form.url).content.decode()
        assert "This request goes to our Dallas, Texas clinic." in page
        response = site_client.post(
            call_back_form.url,
            {"full_name": SECRET_NAME, "phone": "214-555-0100", "best_time_to_call": "Evening"},
        )
        assert "We will call you at the time you chose" in response.content.decode()
        assert call_back_form.location.title == "Dallas, Texas"
        assert latest_submission(call_back_form).form_data["best_time_to_call"] == "Evening"


def rendered_input(html, name):
    [tag] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    return tag


def test_browsers_may_fill_in_the_visitor_s_own_details(site_client, info_kit_form, mri_form):
    info_kit = site_client.get(info_kit_form.url).content.decode()
    assert 'autocomplete="postal-code"' in rendered_input(info_kit, "zip_code")
    phone = rendered_input(site_client.get(mri_form.url).content.decode(), "phone")
    assert 'type="tel"' in phone and 'autocomplete="tel"' in phone


class TestValidation:
    def test_every_required_field_is_named_next_to_it_and_nothing_is_stored(
        self, site_client, mri_form
    ):
        response = site_client.post(mri_form.url, {})
        for name in ["full_name", "email", "symptoms", "mri_or_ct_report_or_images"]:
            assert "This field is required" in field_errors(response, name), name
        assert field_errors(response, "phone") == ""
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_errors_are_tied_to_their_inputs(self, site_client, mri_form):
        html = site_client.post(mri_form.url, {}).content.decode()
        [email_input] = re.findall(r'<input[^>]*name="email"[^>]*>', html)
        assert 'aria-invalid="true"' in email_input
        assert "id_email_errors" in email_input

    def test_a_bad_email_is_refused_and_everything_typed_is_kept(self, site_client, mri_form):
        response = site_client.post(mri_form.url, mri_data(email="not-an-address"))
        assert "Enter a valid email address" in field_errors(response, "email")
        html = response.content.decode()
        assert f'value="{SECRET_NAME}"' in html
        assert SECRET_SYMPTOMS in html
        assert 'value="not-an-address"' in html

    def test_the_page_asks_for_the_file_again_after_an_error(self, site_client, mri_form):
        html = site_client.post(mri_form.url, mri_data(email="nope")).content.decode()
        assert "please choose your file again" in html
        assert 'id="id_mri_or_ct_report_or_images_again"' in html

    def test_an_executable_named_pdf_is_refused(self, site_client, mri_form):
        bad = upload(EXECUTABLE_BYTES, "report.pdf")
        response = site_client.post(mri_form.url, mri_data(mri_or_ct_report_or_images=bad))
        assert "not a PDF, JPEG, PNG or DICOM file" in field_errors(
            response, "mri_or_ct_report_or_images"
        )
        assert not LeadUpload.objects.exists()

    @override_settings(LEADS_UPLOAD_MAX_BYTES=1024)
    def test_a_file_over_the_size_limit_is_refused(self, site_client, mri_form):
        big = upload(b"%PDF-1.7\n" + bytes(2048 - 9), "big.pdf")
        response = site_client.post(mri_form.url, mri_data(mri_or_ct_report_or_images=big))
        errors = field_errors(response, "mri_or_ct_report_or_images")
        # Its real size, although only the first KB was kept in memory.
        assert "This file is 2.0\xa0KB; files may be at most 1.0\xa0KB" in errors
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_the_default_size_limit_is_25_mb(self, settings):
        assert settings.LEADS_UPLOAD_MAX_BYTES == 25 * 1024 * 1024

    def test_a_choice_outside_the_list_is_refused(self, site_client, call_back_form):
        response = site_client.post(
            call_back_form.url,
            {"full_name": "A", "phone": "214-555-0100", "best_time_to_call": "Midnight"},
        )
        assert "Select a valid choice" in field_errors(response, "best_time_to_call")


class TestAbuseGuards:
    def test_a_filled_honeypot_looks_like_success_but_stores_nothing(self, site_client, mri_form):
        response = site_client.post(
            mri_form.url, mri_data(**{HONEYPOT_FIELD: "http://spam.example"})
        )
        assert response.status_code == 200
        assert "One of our spine physicians will look at your scan" in response.content.decode()
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_a_post_without_the_csrf_token_is_refused(self, lead_site, mri_form):
        visitor = Client(enforce_csrf_checks=True, headers=lead_site.headers)
        response = visitor.post(mri_form.url, mri_data())
        assert response.status_code == 403
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_the_form_carries_a_csrf_token(self, site_client, mri_form):
        assert 'name="csrfmiddlewaretoken"' in site_client.get(mri_form.url).content.decode()

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_form_pages_are_never_cached(self, site_client, mri_form, method):
        response = getattr(site_client, method)(
            mri_form.url, mri_data() if method == "post" else {}
        )
        assert "no-store" in response["Cache-Control"]

    def test_form_pages_load_nothing_from_other_sites(self, site_client, mri_form):
        html = site_client.get(mri_form.url).content.decode()
        # Alternate-language and canonical links name pages; they load nothing.
        loaded = re.findall(
            r'<(?:script|link(?![^>]*rel="(?:alternate|canonical)")|img|iframe)[^>]*(?:src|href)="([^"]+)"',
            html,
        )
        assert loaded, "the page should at least load its stylesheets"
        assert [url for url in loaded if re.match(r"(https?:)?//", url)] == []
        # No script runs on a page patients type health information into; the structured
        # data is a JSON-LD data block, which browsers never run.
        scripts = re.findall(r"<script(?![^>]*application/ld\+json)", html)
        assert scripts == []
