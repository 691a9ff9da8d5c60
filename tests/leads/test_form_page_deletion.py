"""A page holding patient submissions is not deleted with them from the admin.

Nobody deletes such a page (or a page above it) while its forms hold
submissions: lead managers are told to export and delete the submissions first,
anyone else that only lead managers may remove it. Whatever deletes a form page
anyway (code, a shell) leaves an entry in the lead access log.
API v3's delete endpoints: tests/api/test_v3_form_page_deletion.py.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from leads.models import LeadSubmission, SubmissionAccessLog
from tests.leads.helpers import lead_managers, mri_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(site_client, mri_form):
    site_client.post(mri_form.url, mri_data())
    return LeadSubmission.objects.get(page=mri_form)


def delete_in_admin(client, page):
    """The admin's delete view, confirmed as an editor confirms it (typing the site name)."""
    return client.post(
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        {"confirm_site_name": "Foramen"},
        follow=True,
    )


def page_exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def text_of(response):
    return " ".join(response.content.decode().split())


class TestAdmin:
    def test_a_form_with_submissions_is_not_deleted_by_someone_without_lead_access(
        self, admin_client, mri_form, submission
    ):
        response = delete_in_admin(admin_client, mri_form)
        assert page_exists(mri_form)
        assert LeadSubmission.objects.filter(pk=submission.pk).exists()
        assert "Only a lead manager of its form may remove it" in text_of(response)

    def test_its_lead_manager_is_told_to_export_and_delete_the_submissions_first(
        self, admin_client, superuser, mri_form, submission
    ):
        superuser.groups.add(lead_managers())
        response = delete_in_admin(admin_client, mri_form)
        assert page_exists(mri_form)
        assert "Export it and delete it in Lead submissions first" in text_of(response)

    def test_the_confirmation_page_is_not_offered_either(self, admin_client, mri_form, submission):
        response = admin_client.get(reverse("wagtailadmin_pages:delete", args=[mri_form.pk]))
        assert response.status_code == 302

    def test_a_page_above_such_a_form_is_protected_too(
        self, admin_client, dallas, call_back_form, site_client
    ):
        site_client.post(
            call_back_form.url,
            {"full_name": "Sam", "phone": "214-555-0100", "best_time_to_call": "Morning"},
        )
        delete_in_admin(admin_client, dallas)
        assert page_exists(dallas) and page_exists(call_back_form)

    def test_bulk_deletion_is_refused_too(self, admin_client, mri_form, submission):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
        admin_client.post(f"{url}?id={mri_form.pk}", {"confirm_site_name": "Foramen"})
        assert page_exists(mri_form)

    def test_the_admin_s_own_page_api_refuses_too(self, admin_client, mri_form, submission):
        response = admin_client.post(
            reverse("wagtailadmin_api:pages:action", args=[mri_form.pk, "delete"]),
            content_type="application/json",
            data={},
        )
        assert response.status_code == 403
        assert page_exists(mri_form)

    def test_a_form_without_submissions_is_deleted_as_any_page(self, admin_client, mri_form):
        delete_in_admin(admin_client, mri_form)
        assert not page_exists(mri_form)


def test_a_form_page_deleted_by_code_leaves_its_submissions_in_the_access_log(mri_form, submission):
    title, page_id = mri_form.title, mri_form.pk
    mri_form.delete()
    [entry] = SubmissionAccessLog.objects.filter(action=SubmissionAccessLog.Action.DELETE)
    assert entry.submission_ids == [submission.pk]
    assert entry.detail == f"deleted with form page {page_id} “{title}”"
