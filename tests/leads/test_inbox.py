"""The lead inbox: lead managers set a lead's status and assignee and write notes; notes are
encrypted at rest; every change is in the access log; other clinics see and change nothing."""

import pytest
from django.db import connection
from django.urls import reverse

from leads.models import LeadNote, LeadSubmission, SubmissionAccessLog
from tests.leads.helpers import SECRET_NAME, lead_managers, mri_data

pytestmark = pytest.mark.django_db
Action = SubmissionAccessLog.Action
NOTE = "Called back, MRI shows L4-L5 foraminal narrowing-qx77"


def make_user(django_user_model, name, *groups, **extra):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.com", password="correct horse battery", **extra
    )
    for group in groups:
        user.groups.add(group)
    return user


@pytest.fixture(autouse=True)
def empty_log(db):
    SubmissionAccessLog.objects.all().delete()


@pytest.fixture
def users(django_user_model, dallas):
    network = lead_managers()
    return {
        "network": make_user(django_user_model, "network", network),
        "colleague": make_user(django_user_model, "colleague", network),
        "dallas": make_user(django_user_model, "dallas", lead_managers(dallas)),
    }


@pytest.fixture
def mri(site_client, mri_form):
    site_client.post(mri_form.url, mri_data())
    return LeadSubmission.objects.get(page=mri_form)


@pytest.fixture
def call_back(site_client, call_back_form):
    site_client.post(
        call_back_form.url,
        {"full_name": "Sam Callback", "phone": "214-555-0100", "best_time_to_call": "Morning"},
    )
    return LeadSubmission.objects.get(page=call_back_form)


def entries(*actions):
    return list(SubmissionAccessLog.objects.filter(action__in=actions).order_by("pk"))


def handle(client, submission, **data):
    return client.post(reverse("leads:handling", args=[submission.pk]), data)


def note(client, submission, text):
    return client.post(reverse("leads:add_note", args=[submission.pk]), {"text": text})


def test_a_new_submission_is_new_and_unassigned(mri):
    assert (mri.status, mri.assignee) == (LeadSubmission.Status.NEW, None)


def test_a_lead_manager_sets_status_assigns_and_adds_a_note_all_logged(site_client, users, mri):
    site_client.force_login(users["network"])
    response = handle(site_client, mri, status="contacted", assignee=users["colleague"].pk)
    assert response.status_code == 302
    response = note(site_client, mri, NOTE)
    assert response.status_code == 302

    mri.refresh_from_db()
    assert (mri.status, mri.assignee) == ("contacted", users["colleague"])
    [saved] = mri.notes.all()
    assert (saved.text, saved.author, saved.author_name) == (NOTE, users["network"], "network")
    assert saved.created_at is not None

    [status] = entries(Action.STATUS)
    [assign] = entries(Action.ASSIGN)
    [noted] = entries(Action.NOTE)
    for entry in (status, assign, noted):
        assert (entry.user, entry.submission_ids, entry.page_id) == (
            users["network"],
            [mri.pk],
            mri.page_id,
        )
    assert status.detail == "new → contacted"
    assert assign.detail == "— → colleague"
    assert NOTE not in noted.detail

    html = site_client.get(reverse("leads:submission", args=[mri.pk])).content.decode()
    assert NOTE in html
    log = site_client.get(
        reverse("leads:access_log") + f"?form={mri.page_id}&submission={mri.pk}"
    ).content.decode()
    for label in ("Changed the status", "Changed the assignee", "Added a note"):
        assert label in log
    assert NOTE not in log and SECRET_NAME not in log


def test_a_note_is_encrypted_at_rest(site_client, users, mri):
    site_client.force_login(users["network"])
    note(site_client, mri, NOTE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM leads_leadnote")
        [(raw,)] = cursor.fetchall()
    assert NOTE not in raw and "qx77" not in raw
    assert LeadNote.objects.get().text == NOTE


def test_saving_the_status_leaves_the_submission_s_values_as_they_were(site_client, users, mri):
    site_client.force_login(users["network"])
    handle(site_client, mri, status="scheduled", assignee="")
    mri.refresh_from_db()
    assert mri.form_data["full_name"] == SECRET_NAME
    assert [e.action for e in entries(Action.STATUS, Action.ASSIGN)] == [Action.STATUS]


def test_only_someone_who_may_read_the_lead_can_be_assigned_it(site_client, users, mri):
    site_client.force_login(users["network"])
    response = handle(site_client, mri, status="new", assignee=users["dallas"].pk)
    assert response.status_code == 400
    mri.refresh_from_db()
    assert mri.assignee is None
    assert not entries(Action.ASSIGN)


def test_a_manager_of_another_clinic_can_neither_see_nor_change_a_lead(
    site_client, users, mri, call_back
):
    site_client.force_login(users["network"])
    note(site_client, mri, NOTE)
    site_client.force_login(users["dallas"])
    for response in (
        site_client.get(reverse("leads:submission", args=[mri.pk])),
        handle(site_client, mri, status="closed", assignee=users["dallas"].pk),
        note(site_client, mri, "Not mine"),
    ):
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    mri.refresh_from_db()
    assert (mri.status, mri.assignee) == ("new", None)
    assert [n.text for n in mri.notes.all()] == [NOTE]
    # Their own clinic's lead they may handle.
    assert handle(site_client, call_back, status="closed", assignee="").status_code == 302


def test_notes_and_handling_need_a_post(site_client, users, mri):
    site_client.force_login(users["network"])
    assert site_client.get(reverse("leads:add_note", args=[mri.pk])).status_code == 405
    assert site_client.get(reverse("leads:handling", args=[mri.pk])).status_code == 405


def test_an_empty_note_is_refused(site_client, users, mri):
    site_client.force_login(users["network"])
    assert note(site_client, mri, "  ").status_code == 400
    assert not LeadNote.objects.exists()
