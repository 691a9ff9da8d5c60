"""Lead files go through the storage alias STORAGES["leads"], encrypted, whatever its backend.

leads/storage.py once built its file-system class itself, so no setting could
send patients' files anywhere else (a second server's disk, a private bucket).
"""

import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import InMemoryStorage

from leads import crypto
from leads.models import LeadSubmission
from leads.storage import private_storage
from tests.leads.helpers import PDF_BYTES, mri_data

pytestmark = pytest.mark.django_db


def submitted_upload(client, page):
    response = client.post(page.url, mri_data())
    assert response.status_code == 200, response.content.decode()[:500]
    return LeadSubmission.objects.filter(page=page).latest("submit_time").uploads.get()


def files_below(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def test_a_lead_file_is_written_where_the_alias_says(site_client, mri_form, settings, tmp_path):
    elsewhere = tmp_path / "second-location"
    settings.STORAGES = {
        **settings.STORAGES,
        "leads": {
            "BACKEND": "leads.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(elsewhere)},
        },
    }
    in_default_folder = files_below(settings.LEADS_PRIVATE_ROOT)
    upload = submitted_upload(site_client, mri_form)
    [written] = files_below(elsewhere)
    assert written == elsewhere / upload.stored_name
    assert crypto.decrypt(written.read_bytes()) == PDF_BYTES
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    # Earlier tests may have left files there: none is added.
    assert files_below(settings.LEADS_PRIVATE_ROOT) == in_default_folder
    assert upload.read() == PDF_BYTES


def test_another_backend_gets_the_file_encrypted(site_client, mri_form, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "leads": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    upload = submitted_upload(site_client, mri_form)
    assert isinstance(private_storage(), InMemoryStorage)
    with private_storage().open(upload.stored_name, "rb") as stored:
        kept = stored.read()
    assert PDF_BYTES not in kept
    assert crypto.decrypt(kept) == PDF_BYTES
    assert upload.read() == PDF_BYTES


def test_by_default_lead_files_stay_in_the_private_folder(site_client, mri_form):
    upload = submitted_upload(site_client, mri_form)
    written = Path(settings.LEADS_PRIVATE_ROOT) / upload.stored_name
    assert written.is_file()
    assert crypto.decrypt(written.read_bytes()) == PDF_BYTES
