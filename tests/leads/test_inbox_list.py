"""The submissions list: who sent each lead, its form, clinic, time, status and assignee, with
filters and counts by status; the detail links email and phone."""

import re

import pytest
from django.urls import reverse

from leads.models import LeadSubmission, SubmissionAccessLog
from tests.leads.helpers import SECRET_EMAIL, SECRET_NAME, SECRET_SYMPTOMS, lead_managers, mri_data

pytestmark = pytest.mark.django_db
Action = SubmissionAccessLog.Action


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user(username="network", password="x")
    user.groups.add(lead_managers())
    return user


@pytest.fixture
def leads(site_client, mri_form):
    """Four leads of the MRI form: two new, one contacted, one closed."""
    for name in ("Ana New", "Ben New", "Cy Contacted", "Di Closed"):
        site_client.post(mri_form.url, mri_data(full_name=name, email=f"{name[:2]}@example.net"))
    by_name = {s.form_data["full_name"]: s for s in LeadSubmission.objects.filter(page=mri_form)}
    LeadSubmission.objects.filter(pk=by_name["Cy Contacted"].pk).update(status="contacted")
    LeadSubmission.objects.filter(pk=by_name["Di Closed"].pk).update(status="closed")
    return by_name


def listing(client, page_id, query=""):
    return client.get(reverse("leads:submissions", args=[page_id]) + query).content.decode()


def test_the_list_shows_name_form_clinic_status_and_assignee(site_client, manager, leads, mri_form):
    LeadSubmission.objects.filter(pk=leads["Ben New"].pk).update(assignee=manager)
    site_client.force_login(manager)
    SubmissionAccessLog.objects.all().delete()
    html = listing(site_client, mri_form.pk)
    for name in leads:
        assert name in html
    assert mri_form.title in html and "All clinics" in html
    assert "Contacted" in html and "Closed" in html and "network" in html
    assert SECRET_SYMPTOMS not in html, "the list shows who, not what they wrote"
    assert "<caption" in html and 'scope="col"' in html
    assert not SubmissionAccessLog.objects.exclude(action__in=[Action.GRANT, Action.READ]).exists()


def test_reading_the_names_in_the_list_is_logged(site_client, manager, leads, mri_form):
    site_client.force_login(manager)
    SubmissionAccessLog.objects.all().delete()
    listing(site_client, mri_form.pk, "?status=new")
    entry = SubmissionAccessLog.objects.get(action=Action.READ)
    assert entry.user == manager and entry.page_id == mri_form.pk
    assert entry.submission_ids == sorted([leads["Ana New"].pk, leads["Ben New"].pk])
    assert entry.detail == "Names in the lead list"


def test_an_empty_list_logs_no_read(site_client, manager, leads, mri_form):
    site_client.force_login(manager)
    SubmissionAccessLog.objects.all().delete()
    listing(site_client, mri_form.pk, "?status=scheduled")
    assert not SubmissionAccessLog.objects.filter(action=Action.READ).exists()


def test_filters_by_status_with_counts_per_status(site_client, manager, leads, mri_form):
    site_client.force_login(manager)
    html = listing(site_client, mri_form.pk, "?status=new")
    assert "Ana New" in html and "Ben New" in html
    assert "Cy Contacted" not in html and "Di Closed" not in html
    counts = dict(re.findall(r'data-status="(\w+)"[^>]*>[^<(]+\((\d+)\)', html))
    assert counts == {
        "new": "2",
        "contacted": "1",
        "scheduled": "0",
        "closed": "1",
        "not_a_fit": "0",
    }
    assert 'aria-current="page">New (2)' in html


def test_filters_by_assignee(site_client, manager, leads, mri_form):
    LeadSubmission.objects.filter(pk=leads["Cy Contacted"].pk).update(assignee=manager)
    site_client.force_login(manager)
    mine = listing(site_client, mri_form.pk, "?assignee=me")
    assert "Cy Contacted" in mine and "Ana New" not in mine
    by_id = listing(site_client, mri_form.pk, f"?assignee={manager.pk}")
    assert "Cy Contacted" in by_id and "Ben New" not in by_id
    nobody = listing(site_client, mri_form.pk, "?assignee=none&status=new")
    assert "Ana New" in nobody and "Ben New" in nobody and "Cy Contacted" not in nobody


def test_filter_controls_are_labelled(site_client, manager, leads, mri_form):
    site_client.force_login(manager)
    html = listing(site_client, mri_form.pk)
    for control in ("lead-filter-status", "lead-filter-assignee"):
        assert f'<label for="{control}">' in html
        assert f'id="{control}"' in html


def test_the_detail_links_email_and_phone(site_client, manager, mri_form):
    site_client.post(mri_form.url, mri_data(phone="(214) 555-0100"))
    submission = LeadSubmission.objects.get(page=mri_form)
    site_client.force_login(manager)
    html = site_client.get(reverse("leads:submission", args=[submission.pk])).content.decode()
    assert f'href="mailto:{SECRET_EMAIL}"' in html
    assert 'href="tel:+12145550100"' in html  # stored in E.164
    assert SECRET_NAME in html


def test_the_submissions_pages_link_to_the_access_log(site_client, manager, leads, mri_form):
    site_client.force_login(manager)
    log_url = reverse("leads:access_log")
    assert f'{log_url}?form={mri_form.pk}"' in listing(site_client, mri_form.pk)
    submission = leads["Ana New"]
    detail = site_client.get(reverse("leads:submission", args=[submission.pk])).content.decode()
    assert f"{log_url}?form={mri_form.pk}&amp;submission={submission.pk}" in detail


def test_the_forms_index_counts_new_leads(site_client, manager, leads, mri_form):
    site_client.force_login(manager)
    html = site_client.get(reverse("leads:index")).content.decode()
    assert f'{reverse("leads:submissions", args=[mri_form.pk])}?status=new">2</a>' in html
