"""manage.py send_lead_digest: each group of lead managers hears how many new leads wait per
form, once a day, and never who sent them or what they wrote."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from leads.models import LeadSubmission
from tests.leads.helpers import SECRET_EMAIL, SECRET_NAME, SECRET_SYMPTOMS, lead_managers, mri_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(django_user_model, dallas):
    network = django_user_model.objects.create_user(
        username="network", email="network@example.com", password="x"
    )
    network.groups.add(lead_managers())
    clinic = django_user_model.objects.create_user(
        username="dallas", email="dallas@example.com", password="x"
    )
    clinic.groups.add(lead_managers(dallas))
    return {"network": network, "dallas": clinic}


@pytest.fixture
def leads(site_client, mri_form, call_back_form):
    for number in range(3):
        site_client.post(mri_form.url, mri_data(email=f"lead{number}@example.net"))
    site_client.post(
        call_back_form.url,
        {"full_name": SECRET_NAME, "phone": "214-555-0100", "best_time_to_call": "Morning"},
    )
    # One MRI lead was already called: it no longer waits.
    called = LeadSubmission.objects.filter(page=mri_form).first()
    LeadSubmission.objects.filter(pk=called.pk).update(status="contacted")


def send_digest():
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_lead_digest", stdout=out)
    return {message.to[0]: message for message in mail.outbox}, out.getvalue()


def test_each_team_hears_how_many_new_leads_wait_on_its_forms(
    teams, leads, mri_form, call_back_form
):
    sent, out = send_digest()
    assert set(sent) == {"network@example.com", "dallas@example.com"}
    network = sent["network@example.com"].body
    assert f"{mri_form.title}: 2" in network, "only the new leads count"
    assert f"{call_back_form.title} (Dallas, Texas): 1" in network
    assert f"/admin/leads/forms/{mri_form.pk}/?status=new" in network
    dallas = sent["dallas@example.com"].body
    assert f"{call_back_form.title} (Dallas, Texas): 1" in dallas
    assert mri_form.title not in dallas, "a clinic hears only of its own forms"
    assert sent["network@example.com"].subject == "3 new leads wait"
    assert "sent to 2 group(s)" in out


def test_the_digest_holds_no_names_or_content(teams, leads):
    sent, _out = send_digest()
    for message in sent.values():
        text = message.subject + message.body
        for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_SYMPTOMS, "lead0@example.net", "214-555"):
            assert secret not in text


def test_the_digest_is_sent_once_a_day(teams, leads):
    first, _out = send_digest()
    assert len(first) == 2
    again, out = send_digest()
    assert again == {}
    assert "sent to 0 group(s)" in out


def test_no_digest_when_nothing_waits(teams, leads):
    LeadSubmission.objects.update(status="closed")
    sent, _out = send_digest()
    assert sent == {}
