"""A lead's file downloads under the visitor's own file name, made safe for the header and the
disk; still only for its lead managers, still logged."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from leads.downloads import safe_filename
from leads.models import LeadSubmission, SubmissionAccessLog
from tests.leads.helpers import PDF_BYTES, lead_managers, mri_data, upload

pytestmark = pytest.mark.django_db
Action = SubmissionAccessLog.Action
HOSTILE = '..\\..\\C:\\evil"\r\nX-Injected: 1\r\n/../../etc/Pat "Q" scan\x00.pdf'


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user(username="network", password="x")
    user.groups.add(lead_managers())
    return user


def stored_upload(site_client, mri_form, name="report.pdf"):
    site_client.post(mri_form.url, mri_data(mri_or_ct_report_or_images=upload(name=name)))
    return LeadSubmission.objects.get(page=mri_form).uploads.get()


def download(client, stored):
    return client.get(reverse("leads:download", args=[stored.pk]))


def disposition_names(response):
    """filename and the decoded filename* of an attachment's Content-Disposition."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment; ")
    plain = header.split('filename="', 1)[1].split('"', 1)[0]
    extended = header.split("filename*=UTF-8''", 1)[1]
    return plain, unquote(extended)


def test_a_file_downloads_under_its_original_name(site_client, manager, mri_form):
    stored = stored_upload(site_client, mri_form, name="MRI lumbar 2026.pdf")
    site_client.force_login(manager)
    response = download(site_client, stored)
    assert response.content == PDF_BYTES
    assert disposition_names(response) == ("MRI lumbar 2026.pdf", "MRI lumbar 2026.pdf")
    entry = SubmissionAccessLog.objects.get(action=Action.DOWNLOAD)
    assert "MRI lumbar" not in entry.detail


def test_a_hostile_name_loses_its_path_quotes_and_line_breaks(site_client, manager, mri_form):
    stored = stored_upload(site_client, mri_form)
    # However it got there (an older version, a restore): the stored name is not trusted.
    stored.original_name = HOSTILE
    stored.save(update_fields=["original_name"])
    site_client.force_login(manager)
    response = download(site_client, stored)
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header and "\x00" not in header
    assert not response.has_header("X-Injected")
    assert disposition_names(response) == ("Pat Q scan.pdf", "Pat Q scan.pdf")


def test_a_non_ascii_name_is_exact_in_filename_star(site_client, manager, mri_form):
    stored = stored_upload(site_client, mri_form, name="Résumé IRM ñ.pdf")
    site_client.force_login(manager)
    response = download(site_client, stored)
    assert "filename*=UTF-8''R%C3%A9sum%C3%A9%20IRM%20%C3%B1.pdf" in response["Content-Disposition"]
    assert disposition_names(response) == ("Resume IRM n.pdf", "Résumé IRM ñ.pdf")


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("report.html", "application/pdf", "report.html.pdf"),
        ("scan.JPEG", "image/jpeg", "scan.JPEG"),
        ("C:\\Users\\pat\\scan", "application/dicom", "scan.dcm"),
        ("../../.bashrc", "application/pdf", "bashrc.pdf"),
        ('"";\r\n', "image/png", "submission-1.png"),
        ("x" * 300 + ".pdf", "application/pdf", "x" * 120 + ".pdf"),
    ],
)
def test_safe_filename(original, content_type, expected):
    assert safe_filename(original, content_type, "submission-1") == expected


def test_only_lead_managers_of_the_form_download(site_client, django_user_model, dallas, mri_form):
    stored = stored_upload(site_client, mri_form)
    outsider = django_user_model.objects.create_user(username="dallas", password="x")
    outsider.groups.add(lead_managers(dallas))
    site_client.force_login(outsider)
    response = download(site_client, stored)
    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response
    assert not SubmissionAccessLog.objects.filter(action=Action.DOWNLOAD).exists()
