"""What visitors send stays encrypted, private and out of logs, mails, error reports and APIs."""

import json
import logging
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings
from django.views.debug import ExceptionReporter

from leads import crypto
from leads.models import LeadSubmission, LeadUpload
from leads.storage import private_storage
from tests.leads.helpers import (
    NOTIFY_ADDRESS,
    PDF_BYTES,
    SECRET_EMAIL,
    SECRET_NAME,
    SECRET_SYMPTOMS,
    mri_data,
)

pytestmark = pytest.mark.django_db
SECRETS = [SECRET_NAME, SECRET_SYMPTOMS, SECRET_EMAIL]


def submit(client, page, **overrides):
    response = client.post(page.url, mri_data(**overrides))
    assert response.status_code == 200, response.content.decode()[:500]
    return LeadSubmission.objects.filter(page=page).latest("submit_time")


def assert_no_secrets(text):
    for secret in SECRETS:
        assert secret not in text


class TestEncryptionAtRest:
    def test_the_database_row_holds_ciphertext(self, site_client, mri_form):
        submission = submit(site_client, mri_form)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT form_data FROM leads_leadsubmission WHERE id = %s", [submission.pk]
            )
            [raw] = cursor.fetchone()
        assert_no_secrets(raw)
        assert "report.pdf" not in raw
        assert SECRET_SYMPTOMS in crypto.decrypt(raw.encode()).decode()

    def test_the_stored_file_is_ciphertext_outside_media_root(self, site_client, mri_form):
        stored = submit(site_client, mri_form).uploads.get()
        path = Path(private_storage().path(stored.stored_name))
        raw = path.read_bytes()
        assert PDF_BYTES not in raw and not raw.startswith(b"%PDF")
        assert crypto.decrypt(raw) == PDF_BYTES
        media = Path(settings.MEDIA_ROOT).resolve()
        assert media not in path.resolve().parents
        with connection.cursor() as cursor:
            cursor.execute("SELECT original_name FROM leads_leadupload WHERE id = %s", [stored.pk])
            [raw_name] = cursor.fetchone()
        assert "report.pdf" not in raw_name

    def test_private_files_have_no_url(self, site_client, mri_form):
        stored = submit(site_client, mri_form).uploads.get()
        with pytest.raises(NotImplementedError):
            private_storage().url(stored.stored_name)
        assert site_client.get(f"{settings.MEDIA_URL}{stored.stored_name}").status_code == 404

    def test_rotation_moves_data_and_files_to_the_new_key(self, site_client, mri_form, settings):
        submission = submit(site_client, mri_form)
        old_key = settings.FIELD_ENCRYPTION_KEY
        new_key = Fernet.generate_key().decode()
        settings.FIELD_ENCRYPTION_KEY = new_key
        settings.FIELD_ENCRYPTION_OLD_KEYS = [old_key]
        # Readable with the old key still in the list...
        assert LeadSubmission.objects.get(pk=submission.pk).form_data["symptoms"] == SECRET_SYMPTOMS
        call_command("rotate_lead_encryption", stdout=sys.stderr)
        # ...and after rotation with the new key alone.
        settings.FIELD_ENCRYPTION_OLD_KEYS = []
        rotated = LeadSubmission.objects.get(pk=submission.pk)
        assert rotated.form_data["symptoms"] == SECRET_SYMPTOMS
        assert rotated.uploads.get().read() == PDF_BYTES


class TestNoLeaks:
    def test_the_notification_says_only_that_a_submission_arrived(self, site_client, mri_form):
        submission = submit(site_client, mri_form)
        [message] = mail.outbox
        assert message.to == [NOTIFY_ADDRESS]
        assert f"/admin/leads/submissions/{submission.pk}/" in message.body
        assert_no_secrets(message.subject + message.body)
        assert "report.pdf" not in message.body
        assert not message.attachments

    def test_logs_hold_no_submitted_values(self, site_client, mri_form, caplog):
        caplog.set_level(logging.DEBUG)
        submit(site_client, mri_form)
        site_client.post(mri_form.url, mri_data(email="invalid"))
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=8359,
        ):
            submit(site_client, mri_form)
        assert caplog.records, "the failed notification should have been logged"
        assert_no_secrets(caplog.text)

    def test_error_reports_leave_out_the_posted_values(self, mri_form):
        request = RequestFactory().post(mri_form.url, mri_data())
        # What LeadFormPage.serve() marks on every request it handles.
        request.sensitive_post_parameters = "__ALL__"
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
        assert_no_secrets(report)

    def test_the_form_page_in_the_apis_has_no_submissions(self, site_client, mri_form):
        submit(site_client, mri_form)
        for url in [f"/api/v2/pages/{mri_form.pk}/", f"/api/v3/pages/{mri_form.pk}/"]:
            response = site_client.get(url)
            assert response.status_code == 200, url
            body = json.dumps(response.json())
            assert_no_secrets(body)
            assert "submission" not in body.lower()

    def test_the_api_schema_offers_no_submissions_or_lead_access(self, client):
        schema = json.dumps(client.get("/api/v3/openapi.json").json()).lower()
        for word in ["submission", "leadaccess", "leadupload", "lead_access"]:
            assert word not in schema

    def test_submission_string_never_shows_values(self, site_client, mri_form):
        submission = submit(site_client, mri_form)
        assert_no_secrets(str(submission) + repr(submission))


class TestNothingLost:
    def test_a_storage_failure_shows_an_error_and_leaves_nothing(
        self, site_client, mri_form, settings, tmp_path
    ):
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the storage folder should be")
        settings.LEADS_PRIVATE_ROOT = blocker / "leads"
        before = LeadSubmission.objects.count()
        response = site_client.post(mri_form.url, mri_data())
        assert response.status_code == 503
        assert "nothing of it was stored" in response.content.decode()
        assert SECRET_SYMPTOMS in response.content.decode()  # the visitor's text is kept
        assert LeadSubmission.objects.count() == before
        assert not LeadUpload.objects.exists()
        assert mail.outbox == []

    def test_a_failed_notification_keeps_the_submission(self, site_client, mri_form, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 8359  # nothing listens there
        response = site_client.post(mri_form.url, mri_data())
        assert "A Patient Care Manager will call you" in response.content.decode()
        assert LeadSubmission.objects.filter(page=mri_form).count() == 1
