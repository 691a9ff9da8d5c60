"""Uploads are read whole by the library made for their kind and scanned by a real ClamAV
before anything is stored; a scanner that is down or hung refuses the submission, never
lets the file through, and the visitor keeps what they typed."""

import io
import logging
import random
import socket
from pathlib import Path

import pytest
from PIL import Image

from leads.models import LeadSubmission, LeadUpload
from tests.helpers import running_clamav_url
from tests.leads.helpers import (
    DICOM_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    SECRET_NAME,
    SECRET_SYMPTOMS,
    eicar,
    mri_data,
    upload,
)
from tests.leads.test_forms import field_errors

pytestmark = pytest.mark.django_db

UPLOAD_FIELD = "mri_or_ct_report_or_images"
WEB_PAGE = b"<html><body><script>fetch('/admin/').then(r => r.text())</script></body></html>\n"
DAMAGED = "could not be read as a whole"
INFECTED = "our virus check found a threat in it"
NOT_CHECKED = "could not check “report.pdf” for viruses just now, so your form was not sent"


@pytest.fixture(autouse=True)
def own_private_root(settings, tmp_path):
    """A private storage folder of each test's own, so that "nothing stored" means this test."""
    settings.LEADS_PRIVATE_ROOT = tmp_path / "private"


def send(client, form, content, name="report.pdf"):
    return client.post(form.url, mri_data(**{UPLOAD_FIELD: upload(content, name)}))


def stored_files(settings):
    return [path for path in Path(settings.LEADS_PRIVATE_ROOT).rglob("*") if path.is_file()]


def assert_nothing_stored(form, settings):
    assert not LeadSubmission.objects.filter(page=form).exists()
    assert not LeadUpload.objects.exists()
    assert stored_files(settings) == []


def assert_answers_kept(response):
    html = response.content.decode()
    assert f'value="{SECRET_NAME}"' in html
    assert SECRET_SYMPTOMS in html


def a_noisy_png():
    """A PNG whose image data spans many bytes, so that cutting it short cuts the pixels."""
    pixels = random.Random(21).randbytes(96 * 96)
    output = io.BytesIO()
    Image.frombytes("L", (96, 96), pixels).save(output, format="PNG")
    return output.getvalue()


class TestWholeFileChecks:
    def test_a_pdf_header_followed_by_a_web_page_is_refused_and_the_answers_kept(
        self, site_client, mri_form, settings
    ):
        response = send(site_client, mri_form, b"%PDF-1.7\n" + WEB_PAGE)
        errors = field_errors(response, UPLOAD_FIELD)
        assert "“report.pdf”" in errors and DAMAGED in errors
        assert_answers_kept(response)
        assert_nothing_stored(mri_form, settings)

    def test_a_web_page_in_front_of_a_real_pdf_is_refused(self, site_client, mri_form, settings):
        response = send(site_client, mri_form, b"%PDF-1.7\n" + WEB_PAGE + PDF_BYTES)
        assert DAMAGED in field_errors(response, UPLOAD_FIELD)
        assert_nothing_stored(mri_form, settings)

    @pytest.mark.parametrize(
        ("content", "name", "content_type"),
        [
            (PDF_BYTES, "report.pdf", "application/pdf"),
            (PNG_BYTES, "scan.png", "image/png"),
            (JPEG_BYTES, "photo.jpg", "image/jpeg"),
            (DICOM_BYTES, "IM0001", "application/dicom"),
        ],
    )
    def test_whole_files_of_each_kind_are_stored(
        self, site_client, mri_form, content, name, content_type
    ):
        response = send(site_client, mri_form, content, name)
        assert "A Patient Care Manager will call you" in response.content.decode()
        [stored] = LeadUpload.objects.filter(submission__page=mri_form)
        assert stored.content_type == content_type
        assert stored.read() == content

    @pytest.mark.parametrize(
        ("content", "name"),
        [
            (a_noisy_png()[:2000], "scan.png"),
            (JPEG_BYTES[: len(JPEG_BYTES) // 2], "photo.jpg"),
            (DICOM_BYTES[:-5], "IM0001"),
            (PDF_BYTES[: len(PDF_BYTES) // 2], "report.pdf"),
        ],
        ids=["png", "jpeg", "dicom", "pdf"],
    )
    def test_a_file_cut_short_is_refused(self, site_client, mri_form, settings, content, name):
        response = send(site_client, mri_form, content, name)
        errors = field_errors(response, UPLOAD_FIELD)
        assert f"“{name}”" in errors and DAMAGED in errors
        assert_answers_kept(response)
        assert_nothing_stored(mri_form, settings)


class TestVirusScanning:
    @pytest.fixture(autouse=True)
    def scanner(self, settings):
        settings.CLAMAV_URL = running_clamav_url()

    @pytest.mark.parametrize("name", ["report.pdf", "notes.txt"])
    def test_the_eicar_test_file_is_refused_as_infected_and_logged_without_content(
        self, site_client, mri_form, settings, caplog, name
    ):
        with caplog.at_level(logging.INFO, logger="leads"):
            response = send(site_client, mri_form, eicar(), name)
        errors = field_errors(response, UPLOAD_FIELD)
        assert f"“{name}”" in errors and INFECTED in errors
        assert_answers_kept(response)
        assert_nothing_stored(mri_form, settings)
        [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
        message = record.getMessage()
        assert f"Lead form {mri_form.pk}, field {UPLOAD_FIELD}" in message
        assert "Foramen.Test.EICAR" in message
        for secret in [name, SECRET_NAME, SECRET_SYMPTOMS, "EICAR-STANDARD"]:
            assert secret not in caplog.text

    def test_a_clean_file_passes_the_scanner_and_is_stored(self, site_client, mri_form):
        send(site_client, mri_form, PDF_BYTES)
        assert LeadUpload.objects.get(submission__page=mri_form).read() == PDF_BYTES


def a_closed_port():
    """A loopback port nothing listens on: one the system just handed out and took back."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TestScannerOutage:
    def assert_refused_as_not_checked(self, response, form, settings):
        # Not stored because of our outage: a failure, never a success status.
        assert response.status_code == 503
        assert response["Retry-After"]
        assert NOT_CHECKED in field_errors(response, UPLOAD_FIELD)
        assert "try again in a few minutes, or call us" in response.content.decode()
        assert_answers_kept(response)
        assert_nothing_stored(form, settings)

    def test_a_scanner_that_is_down_refuses_the_submission_and_keeps_the_answers(
        self, site_client, mri_form, settings, caplog
    ):
        settings.CLAMAV_URL = f"tcp://127.0.0.1:{a_closed_port()}"
        with caplog.at_level(logging.ERROR, logger="leads"):
            response = send(site_client, mri_form, PDF_BYTES)
        self.assert_refused_as_not_checked(response, mri_form, settings)
        assert f"Lead form {mri_form.pk}, field {UPLOAD_FIELD}" in caplog.text
        assert "report.pdf" not in caplog.text and SECRET_NAME not in caplog.text

    def test_a_scanner_that_never_answers_refuses_the_submission(
        self, site_client, mri_form, settings
    ):
        # A listening socket that nobody reads: the connection opens, no verdict ever comes.
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen()
            settings.CLAMAV_URL = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
            settings.CLAMAV_TIMEOUT = 0.5
            response = send(site_client, mri_form, PDF_BYTES)
        self.assert_refused_as_not_checked(response, mri_form, settings)

    def test_a_form_without_a_file_is_stored_while_the_scanner_is_down(
        self, site_client, info_kit_form, settings
    ):
        settings.CLAMAV_URL = f"tcp://127.0.0.1:{a_closed_port()}"
        data = {
            "full_name": SECRET_NAME,
            "street_address": "12 Elm Street",
            "city": "Plano",
            "state": "TX",
            "zip_code": "75024",
        }
        response = site_client.post(info_kit_form.url, data)
        assert response.status_code == 200
        assert LeadSubmission.objects.filter(page=info_kit_form).exists()
