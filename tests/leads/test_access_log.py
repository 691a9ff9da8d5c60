"""The lead access log names every access to patient data and every change of who has it:
failed downloads as failures, grants and revocations of lead access, key rotations, and the
address and browser of each request."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from leads.models import LeadAccess, LeadSubmission, SubmissionAccessLog
from leads.storage import private_storage
from tests.leads.helpers import lead_managers, mri_data

pytestmark = pytest.mark.django_db
Action = SubmissionAccessLog.Action
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AccessLogTest/1.0"


@pytest.fixture(autouse=True)
def empty_log(db):
    """Only this test's entries: the demo content, when a run loads it, logs its own grants."""
    SubmissionAccessLog.objects.all().delete()


@pytest.fixture
def submission(site_client, mri_form):
    site_client.post(mri_form.url, mri_data())
    return LeadSubmission.objects.get(page=mri_form)


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user(username="network", password="x")
    user.groups.add(lead_managers())
    return user


@pytest.fixture
def manager_client(site_client, manager):
    site_client.force_login(manager)
    return site_client


def entries(*actions):
    return list(SubmissionAccessLog.objects.filter(action__in=actions).order_by("pk"))


class TestDownloads:
    def test_a_file_that_cannot_be_read_is_logged_as_a_failed_download(
        self, manager_client, submission
    ):
        upload = submission.uploads.get()
        private_storage().delete(upload.stored_name)
        response = manager_client.get(reverse("leads:download", args=[upload.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("leads:submission", args=[submission.pk])
        assert not entries(Action.DOWNLOAD)
        [failed] = entries(Action.DOWNLOAD_FAILED)
        assert failed.submission_ids == [submission.pk]

    def test_each_entry_names_the_address_and_browser_of_the_request(
        self, manager_client, submission
    ):
        upload = submission.uploads.get()
        manager_client.get(
            reverse("leads:download", args=[upload.pk]),
            headers={"User-Agent": BROWSER},
            REMOTE_ADDR="203.0.113.7",
        )
        [entry] = entries(Action.DOWNLOAD)
        assert (entry.ip_address, entry.user_agent) == ("203.0.113.7", BROWSER)


class TestGrants:
    def test_adding_a_user_to_a_lead_manager_group_is_logged_from_either_side(
        self, django_user_model
    ):
        group = lead_managers()
        alice = django_user_model.objects.create_user(username="alice")
        bob = django_user_model.objects.create_user(username="bob")
        alice.groups.add(group)
        group.user_set.add(bob)
        details = [entry.detail for entry in entries(Action.GRANT)]
        assert any(d.startswith(f"alice added to group {group.name}") for d in details)
        assert any(d.startswith(f"bob added to group {group.name}") for d in details)

    def test_removing_a_user_from_it_is_logged_as_a_revocation(self, django_user_model):
        group = lead_managers()
        alice = django_user_model.objects.create_user(username="alice")
        alice.groups.add(group)
        alice.groups.clear()
        [revoked] = entries(Action.REVOKE)
        assert revoked.detail.startswith(f"alice removed from group {group.name}")

    def test_groups_without_lead_access_are_not_logged(self, django_user_model):
        editors, _created = Group.objects.get_or_create(name="Editors")
        django_user_model.objects.create_user(username="carol").groups.add(editors)
        assert not entries(Action.GRANT, Action.REVOKE)

    def test_giving_a_group_lead_access_is_logged_with_its_members(self, django_user_model):
        group = Group.objects.create(name="Night shift")
        group.user_set.add(django_user_model.objects.create_user(username="dave"))
        LeadAccess.objects.create(group=group)
        [granted] = entries(Action.GRANT)
        assert "Night shift" in granted.detail and "dave" in granted.detail

    def test_giving_the_permission_to_hand_out_lead_access_is_logged(self):
        group = Group.objects.create(name="Access admins")
        permission = Permission.objects.get(codename="add_leadaccess")
        group.permissions.add(permission)
        [granted] = entries(Action.GRANT)
        assert granted.detail == "permission leads.add_leadaccess given to group Access admins"

    def test_a_grant_in_the_admin_names_who_gave_it_and_from_where(self, admin_client, superuser):
        group = Group.objects.create(name="Plano managers")
        response = admin_client.post(
            reverse("wagtailsnippets_leads_leadaccess:add"),
            {"group": group.pk, "location": ""},
            headers={"User-Agent": BROWSER},
            REMOTE_ADDR="198.51.100.4",
        )
        assert response.status_code == 302
        [granted] = entries(Action.GRANT)
        assert (granted.user, granted.ip_address, granted.user_agent) == (
            superuser,
            "198.51.100.4",
            BROWSER,
        )


def test_a_key_rotation_is_logged_for_every_submission_it_decrypted(submission, mri_form):
    call_command("rotate_lead_encryption", stdout=io.StringIO())
    [rotated] = entries(Action.ROTATE)
    assert (rotated.page_id, rotated.submission_ids) == (mri_form.pk, [submission.pk])
    assert rotated.ip_address is None


def test_the_log_page_shows_addresses_and_details(manager_client, submission):
    manager_client.get(reverse("leads:submission", args=[submission.pk]), REMOTE_ADDR="203.0.113.9")
    html = manager_client.get(reverse("leads:access_log")).content.decode()
    assert "203.0.113.9" in html
    assert "added to group" in html
