"""manage.py purge_submissions removes submissions and files past the retention period."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from leads.models import LeadSubmission, SubmissionAccessLog
from leads.storage import private_storage
from tests.leads.helpers import mri_data

pytestmark = pytest.mark.django_db


def test_purge_deletes_old_submissions_and_files_and_logs_counts(
    site_client, mri_form, caplog, django_capture_on_commit_callbacks
):
    site_client.post(mri_form.url, mri_data())
    site_client.post(mri_form.url, mri_data())
    old, recent = LeadSubmission.objects.filter(page=mri_form).order_by("pk")
    LeadSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=366)
    )
    old_file = old.uploads.get().stored_name
    caplog.set_level(logging.INFO, logger="leads.retention")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_submissions", stdout=out)

    assert list(LeadSubmission.objects.filter(page=mri_form)) == [recent]
    assert not private_storage().exists(old_file)
    assert private_storage().exists(recent.uploads.get().stored_name)
    assert "Purged 1 submission(s) and 1 file(s) older than 365 days." in out.getvalue()
    assert "Purged 1 submission(s)" in caplog.text
    entry = SubmissionAccessLog.objects.get(action=SubmissionAccessLog.Action.PURGE)
    assert (entry.submission_ids, entry.user) == ([old.pk], None)


def test_purge_takes_the_retention_from_the_command_line(site_client, mri_form):
    site_client.post(mri_form.url, mri_data())
    LeadSubmission.objects.filter(page=mri_form).update(
        submit_time=timezone.now() - datetime.timedelta(days=40)
    )
    call_command("purge_submissions", days=60, stdout=io.StringIO())
    assert LeadSubmission.objects.filter(page=mri_form).exists()
    call_command("purge_submissions", days=30, stdout=io.StringIO())
    assert not LeadSubmission.objects.filter(page=mri_form).exists()
