"""manage.py warn_expiring_consent (issue #18): the clinic team is mailed 30 and 7 days before
a patient's authorization expires, unless a later one renews it; each warning once, to those
who may see the ledger, and never with the patient's name, words or condition."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from people.consent import TestimonialAuthorization
from people.factories import TestimonialAuthorizationFactory, TestimonialFactory
from scheduling import jobs
from tests.leads.helpers import lead_managers

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
PATIENT_NAME = "Maribel Q."
PATIENT_WORDS = "After the fusion my sciatica was gone."
PATIENT_CONDITION = "Lumbar disc herniation"


@pytest.fixture
def ledger_team(django_user_model):
    """A ledger keeper (a lead manager of every form given the ledger's view permission: the
    ledger's keepers, leads.ledger), an inactive one, and an editor who may not see it."""
    group = lead_managers()
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="people", codename="view_testimonialauthorization"
        )
    )
    keeper = django_user_model.objects.create_user(
        username="keeper", email="keeper@example.com", password="x"
    )
    gone = django_user_model.objects.create_user(
        username="gone", email="gone@example.com", password="x", is_active=False
    )
    for user in (keeper, gone):
        user.groups.add(group)
    django_user_model.objects.create_user(
        username="editor", email="editor-only@example.com", password="x"
    )
    return keeper


def a_testimonial_expiring_in(days, **fields):
    return TestimonialFactory(
        display_name=PATIENT_NAME,
        headline_quote=PATIENT_WORDS,
        condition_label=PATIENT_CONDITION,
        authorized__expires_on=TODAY() + days * DAY,
        **fields,
    )


def run_job():
    mail.outbox.clear()
    call_command("warn_expiring_consent", stdout=io.StringIO())
    return list(mail.outbox)


def test_it_runs_daily_with_the_other_periodic_jobs():
    job = jobs.named("warn_expiring_consent")
    assert job is not None and job.interval == jobs.DAILY


def test_the_team_is_warned_once_30_days_ahead_naming_no_patient(ledger_team, superuser):
    testimonial = a_testimonial_expiring_in(25)
    authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)

    sent = run_job()

    assert sorted(message.to[0] for message in sent) == [
        "editor@example.com",
        "keeper@example.com",
    ], "one message to each active user who may see the ledger, none to others"
    message = sent[0]
    expiry = authorization.expires_on.isoformat()
    assert (
        message.subject
        == f"Testimonial #{testimonial.pk}: the patient's consent expires on {expiry}"
    )
    assert "in 25 days" in message.body
    assert f"http://testserver/admin/snippets/people/testimonial/edit/{testimonial.pk}/" in (
        message.body
    )
    assert (
        f"/admin/snippets/people/testimonialauthorization/edit/{authorization.pk}/" in message.body
    )
    for secret in (PATIENT_NAME, PATIENT_WORDS, PATIENT_CONDITION):
        assert secret not in message.subject and secret not in message.body

    assert run_job() == [], "a second run sends nothing already sent"


def test_the_7_day_warning_follows_the_30_day_one(ledger_team):
    testimonial = a_testimonial_expiring_in(25)
    run_job()
    TestimonialAuthorization.objects.filter(testimonial=testimonial).update(
        expires_on=TODAY() + 6 * DAY
    )

    sent = run_job()

    assert [message.to for message in sent] == [["keeper@example.com"]]
    assert "in 6 days" in sent[0].body
    assert run_job() == []


def test_a_job_that_missed_days_sends_only_the_most_urgent_warning(ledger_team):
    a_testimonial_expiring_in(3)

    sent = run_job()

    assert len(sent) == 1 and "in 3 days" in sent[0].body
    assert run_job() == []


def test_no_warning_far_from_expiry_or_when_a_later_authorization_renews_it(ledger_team):
    a_testimonial_expiring_in(45)
    renewed = a_testimonial_expiring_in(20)
    TestimonialAuthorizationFactory(testimonial=renewed)

    assert run_job() == []


def test_a_failed_sending_is_tried_again_by_the_next_run(ledger_team, settings, free_tcp_port):
    a_testimonial_expiring_in(20)
    # A real SMTP connection to a loopback port where no mail server listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_tcp_port
    settings.EMAIL_TIMEOUT = 5
    assert run_job() == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert len(run_job()) == 1
