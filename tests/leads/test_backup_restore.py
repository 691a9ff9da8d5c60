"""The restore drill: content and a patient's submission survive backup, wipe and restore.

On the database of the pass (SQLite, or PostgreSQL with pg_dump and pg_restore),
with the files in folders or in the object store; the backup holds no key, and
the restored submission is read with the key the server already has.
"""

import json

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page

from core.backup import MANIFEST, stored_names
from leads.models import LeadSubmission
from tests.leads.helpers import PDF_BYTES, SECRET_SYMPTOMS
from tests.leads.test_storage_alias import submitted_upload

pytestmark = pytest.mark.django_db(transaction=True)


def every_pages_json():
    answers = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        site = page.get_site()
        client = Client(headers={"host": site.hostname})
        answer = client.get(f"/api/v2/pages/{page.pk}/")
        answers[page.pk] = (answer.status_code, answer.json())
    return answers


def every_submission():
    return {
        submission.pk: (
            submission.form_data,
            [upload.read() for upload in submission.uploads.all()],
        )
        for submission in LeadSubmission.objects.order_by("pk")
    }


def every_stored_file():
    return {
        alias: {
            name: storages[alias].open(name, "rb").read() for name in stored_names(storages[alias])
        }
        for alias in ("default", "leads")
    }


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    for alias in ("default", "leads"):
        for name in list(stored_names(storages[alias])):
            storages[alias].delete(name)


@pytest.fixture(params=["folders", "object store"])
def file_storages(request):
    """The files in folders (the default), then in the real object store's buckets."""
    if request.param == "object store":
        request.getfixturevalue("object_store")
    return request.param


def test_a_restore_gives_back_every_page_submission_and_file(
    content_restored_afterwards, file_storages, site_client, mri_form, tmp_path
):
    upload = submitted_upload(site_client, mri_form)
    pages, submissions, files = every_pages_json(), every_submission(), every_stored_file()
    assert pages and upload.stored_name in files["leads"]

    call_command("backup", str(tmp_path / "backup"), stdout=None)
    wipe()
    assert not LeadSubmission.objects.exists()
    call_command("restore", str(tmp_path / "backup"), stdout=None)

    assert every_pages_json() == pages
    assert every_submission() == submissions
    assert every_stored_file() == files
    restored = LeadSubmission.objects.get()
    assert restored.form_data["symptoms"] == SECRET_SYMPTOMS
    assert restored.uploads.get().read() == PDF_BYTES


def test_the_backup_holds_no_key_and_no_clear_patient_data(
    content_restored_afterwards, site_client, mri_form, settings, tmp_path
):
    submitted_upload(site_client, mri_form)
    call_command("backup", str(tmp_path), stdout=None)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert settings.FIELD_ENCRYPTION_KEY.encode() not in content, path
            assert SECRET_SYMPTOMS.encode() not in content, path
            assert PDF_BYTES not in content, path
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert set(manifest["files"]) == {"default", "leads"}


def test_a_damaged_backup_is_refused_before_anything_changes(
    content_restored_afterwards, site_client, mri_form, tmp_path
):
    upload = submitted_upload(site_client, mri_form)
    call_command("backup", str(tmp_path), stdout=None)
    (tmp_path / "files" / "leads" / upload.stored_name).write_bytes(b"tampered")
    before = every_submission()

    with pytest.raises(CommandError, match=f"files/leads/{upload.stored_name}"):
        call_command("restore", str(tmp_path))
    assert every_submission() == before


def test_a_backup_goes_only_into_an_empty_folder(content_restored_afterwards, tmp_path):
    (tmp_path / "earlier.txt").write_text("an earlier backup's file")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path))
