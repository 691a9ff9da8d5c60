"""Only lead managers see submissions (per clinic where a form has one); each access is logged."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from leads.models import LeadSubmission, SubmissionAccessLog
from leads.permissions import LEAD_MANAGERS_GROUP
from leads.storage import private_storage
from tests.leads.helpers import PDF_BYTES, SECRET_NAME, SECRET_SYMPTOMS, lead_managers, mri_data

pytestmark = pytest.mark.django_db
Action = SubmissionAccessLog.Action


def submission_log():
    """Entries about submissions; making the users of these tests logs grants too."""
    return SubmissionAccessLog.objects.exclude(action__in=[Action.GRANT, Action.REVOKE])


def make_user(django_user_model, name, *groups, **extra):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.com", password="correct horse battery", **extra
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def users(django_user_model, dallas):
    """Lead managers of every form and of the Dallas clinic's, an editor and a superuser."""
    return {
        "network manager": make_user(django_user_model, "network", lead_managers().name),
        "dallas manager": make_user(django_user_model, "dallas", lead_managers(dallas).name),
        "editor": make_user(django_user_model, "editor", "Editors"),
        "superuser": make_user(django_user_model, "root", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def submissions(site_client, mri_form, call_back_form):
    site_client.post(mri_form.url, mri_data())
    site_client.post(
        call_back_form.url,
        {"full_name": "Sam", "phone": "214-555-0100", "best_time_to_call": "Morning"},
    )
    return {
        "mri": LeadSubmission.objects.get(page=mri_form),
        "dallas": LeadSubmission.objects.get(page=call_back_form),
    }


def urls_for(submission):
    page_id = submission.page_id
    return {
        "list": reverse("leads:submissions", args=[page_id]),
        "read": reverse("leads:submission", args=[submission.pk]),
        "export": reverse("leads:export", args=[page_id]),
        "delete": reverse("leads:delete", args=[page_id]) + f"?submission={submission.pk}",
    }


def assert_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


# who: which submissions they may handle
MATRIX = {
    "network manager": {"mri", "dallas"},
    "dallas manager": {"dallas"},
    "editor": set(),
    "superuser": set(),
}


@pytest.mark.parametrize("who", MATRIX)
@pytest.mark.parametrize("which", ["mri", "dallas"])
def test_permission_matrix(site_client, users, submissions, who, which):
    site_client.force_login(users[who])
    allowed = which in MATRIX[who]
    for action, url in urls_for(submissions[which]).items():
        response = site_client.get(url)
        if allowed:
            assert response.status_code == 200, (who, which, action)
        else:
            assert_denied(response)


def test_anonymous_visitors_are_sent_to_the_login(site_client, submissions):
    for url in urls_for(submissions["mri"]).values():
        response = site_client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_wagtail_s_own_submission_views_stay_closed_to_page_editors(
    site_client, users, submissions
):
    site_client.force_login(users["superuser"])
    page_id = submissions["mri"].page_id
    assert_denied(site_client.get(f"/admin/forms/submissions/{page_id}/"))
    assert_denied(site_client.get(f"/admin/forms/submissions/{page_id}/delete/"))
    assert SECRET_SYMPTOMS not in site_client.get("/admin/forms/").content.decode()


def test_the_menu_shows_submissions_to_lead_managers_only(site_client, users, mri_form):
    # A lead manager is one with at least one form to manage.
    site_client.force_login(users["network manager"])
    assert reverse("leads:index") in site_client.get("/admin/").content.decode()
    site_client.force_login(users["editor"])
    assert reverse("leads:index") not in site_client.get("/admin/").content.decode()


def test_the_list_shows_who_sent_not_what_and_logs_reading_the_names(
    site_client, users, submissions
):
    site_client.force_login(users["network manager"])
    html = site_client.get(urls_for(submissions["mri"])["list"]).content.decode()
    assert SECRET_NAME in html
    assert SECRET_SYMPTOMS not in html
    [entry] = submission_log().all()
    assert (entry.action, entry.detail) == (Action.READ, "Names in the lead list")
    assert entry.submission_ids == [submissions["mri"].pk]


def test_reading_is_logged_with_user_and_time(site_client, users, submissions):
    manager = users["network manager"]
    site_client.force_login(manager)
    response = site_client.get(urls_for(submissions["mri"])["read"])
    assert SECRET_SYMPTOMS in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    [entry] = submission_log().all()
    assert (entry.user, entry.username, entry.action) == (manager, "network", Action.READ)
    assert entry.submission_ids == [submissions["mri"].pk]
    assert entry.timestamp is not None


def test_downloading_a_file_gives_the_original_and_is_logged(site_client, users, submissions):
    site_client.force_login(users["network manager"])
    upload = submissions["mri"].uploads.get()
    response = site_client.get(reverse("leads:download", args=[upload.pk]))
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert submission_log().get().action == Action.DOWNLOAD


def test_a_clinic_manager_cannot_download_another_clinic_s_files(site_client, users, submissions):
    site_client.force_login(users["dallas manager"])
    upload = submissions["mri"].uploads.get()
    assert_denied(site_client.get(reverse("leads:download", args=[upload.pk])))
    assert not submission_log().exists()


def test_export_is_a_csv_of_every_submission_and_is_logged(site_client, users, submissions):
    site_client.force_login(users["network manager"])
    submissions["mri"].form_data["symptoms"] = "=HYPERLINK('http://evil.example')"
    submissions["mri"].save()
    response = site_client.get(urls_for(submissions["mri"])["export"])
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Submission", "Submitted at", "Clinic"]
    assert "Symptoms" in rows[0]
    symptoms = rows[1][rows[0].index("Symptoms")]
    assert symptoms == "'=HYPERLINK('http://evil.example')", "formulas are neutralised"
    entry = submission_log().get()
    assert (entry.action, entry.submission_ids) == (Action.EXPORT, [submissions["mri"].pk])


def test_deleting_removes_the_submission_and_its_file_and_is_logged(
    site_client, users, submissions, django_capture_on_commit_callbacks
):
    site_client.force_login(users["network manager"])
    mri, dallas = submissions["mri"], submissions["dallas"]
    stored_name = mri.uploads.get().stored_name
    assert private_storage().exists(stored_name)
    with django_capture_on_commit_callbacks(execute=True):
        response = site_client.post(
            reverse("leads:delete", args=[mri.page_id]), {"submission": [mri.pk]}
        )
    assert response.status_code == 302
    assert not LeadSubmission.objects.filter(pk=mri.pk).exists()
    assert not private_storage().exists(stored_name)
    assert LeadSubmission.objects.filter(pk=dallas.pk).exists()
    entry = submission_log().get()
    assert (entry.action, entry.submission_ids, entry.user) == (
        Action.DELETE,
        [mri.pk],
        users["network manager"],
    )


def test_a_dallas_manager_cannot_delete_network_submissions(site_client, users, submissions):
    site_client.force_login(users["dallas manager"])
    mri = submissions["mri"]
    response = site_client.post(
        reverse("leads:delete", args=[mri.page_id]), {"submission": [mri.pk]}
    )
    assert_denied(response)
    assert LeadSubmission.objects.filter(pk=mri.pk).exists()


def test_the_access_log_is_for_lead_managers_of_every_form(site_client, users, submissions):
    site_client.force_login(users["network manager"])
    site_client.get(urls_for(submissions["mri"])["read"])
    html = site_client.get(reverse("leads:access_log")).content.decode()
    assert "network" in html and "Read" in html
    for who in ["dallas manager", "editor", "superuser"]:
        site_client.force_login(users[who])
        assert_denied(site_client.get(reverse("leads:access_log")))


def test_superusers_grant_lead_manager_access_per_clinic(site_client, users, dallas):
    site_client.force_login(users["superuser"])
    listing = site_client.get(reverse("wagtailsnippets_leads_leadaccess:list"))
    assert listing.status_code == 200
    assert f"{LEAD_MANAGERS_GROUP} – {dallas.title}" in listing.content.decode()
