"""Periodic jobs: dates that fire, one run across several schedulers, the report."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from scheduling import jobs
from scheduling.models import JobRun, JobState
from scheduling.runner import add_job_states, claim
from tests.builders import a_site

pytestmark = pytest.mark.django_db


def only_due(*names):
    """The named jobs are due now; every other one is due tomorrow."""
    add_job_states()
    now = timezone.now()
    JobState.objects.update(next_due=now + timedelta(days=1), lease_until=None)
    JobState.objects.filter(name__in=names).update(next_due=now - timedelta(seconds=1))


@pytest.fixture
def failing_job(monkeypatch):
    """A job whose command refuses its arguments, as a misconfigured job would."""
    job = jobs.PeriodicJob(
        "broken_purge", "purge_submissions", ("--days", "0"), jobs.DAILY, jobs.DEFAULT_LEASE
    )
    monkeypatch.setitem(jobs._jobs, job.name, job)
    return job


def test_go_live_and_expiry_dates_fire():
    site = a_site()
    minute_ago = timezone.now() - timedelta(minutes=1)
    going_live = site.conditions
    going_live.unpublish()
    going_live.go_live_at = minute_ago
    # What Wagtail's "Publish" with a go-live date leaves behind, now a minute overdue.
    going_live.save_revision(approved_go_live_at=minute_ago)
    expiring = site.locations
    expiring.expire_at = minute_ago
    expiring.save_revision().publish()
    Page.objects.filter(pk=expiring.pk).update(expire_at=minute_ago)
    only_due("publish_scheduled")

    call_command("run_periodic_jobs", "--once")

    going_live.refresh_from_db()
    expiring.refresh_from_db()
    assert going_live.live
    assert not expiring.live and expiring.expired
    state = JobState.objects.get(name="publish_scheduled")
    assert state.last_success_at and state.next_due > timezone.now()
    assert JobRun.objects.filter(job="publish_scheduled", succeeded=True).count() == 1


def test_a_job_not_yet_due_is_not_run():
    only_due()

    call_command("run_periodic_jobs", "--once")

    assert not JobRun.objects.exists()
    assert JobState.objects.filter(last_started_at__isnull=False).count() == 0


def on_a_connection_of_its_own(work):
    """``work()``'s result, run on a thread, hence on a database connection of its own
    that commits at once, outside the test's transaction."""
    results = []

    def target():
        try:
            results.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return results[0]


def claims_at_once(job, now):
    """Two schedulers, each with its own database connection, claiming at the same time."""
    barrier = threading.Barrier(2)
    won = []

    def scheduler():
        try:
            barrier.wait()
            won.append(claim(job, now))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return won


@pytest.fixture
def raced_job(monkeypatch):
    job = jobs.PeriodicJob("raced_job", "clearsessions", (), jobs.EVERY_MINUTE, jobs.DEFAULT_LEASE)
    monkeypatch.setitem(jobs._jobs, job.name, job)
    return job


def test_two_schedulers_claiming_at_once_run_a_job_once(raced_job):
    now = timezone.now()

    if connection.vendor == "postgresql":
        # The schedulers' connections see only committed rows: the job's row is
        # committed for them, and deleted after.
        on_a_connection_of_its_own(
            lambda: JobState.objects.create(name=raced_job.name, next_due=now)
        )
        try:
            won = claims_at_once(raced_job, now)
            # Neither claims it again while the lease holds, even once it is due again.
            won_again = on_a_connection_of_its_own(
                lambda: claim(raced_job, now + timedelta(minutes=1))
            )
        finally:
            on_a_connection_of_its_own(
                lambda: JobState.objects.filter(name=raced_job.name).delete()
            )
    else:
        JobState.objects.create(name=raced_job.name, next_due=now)
        won = [claim(raced_job, now), claim(raced_job, now)]
        won_again = claim(raced_job, now + timedelta(minutes=1))

    assert sorted(won) == [False, True]
    assert not won_again


def test_a_failed_job_shows_in_the_report_and_can_be_run_again(admin_client, failing_job):
    only_due(failing_job.name)
    call_command("run_periodic_jobs", "--once")
    # Nothing ran it since: two days later it is late.
    JobState.objects.filter(name=failing_job.name).update(
        next_due=timezone.now() - timedelta(days=2)
    )

    report = admin_client.get(reverse("scheduling_report")).content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    for job in jobs.registered():
        assert f'id="job-{job.name}"' in report
    row = report.split(f'id="job-{failing_job.name}"')[1].split("</tr>")[0]
    assert "--days must be at least 1." in row
    assert "Last run failed" in row and "Late" in row
    assert "Periodic jobs need attention" in dashboard and failing_job.name in dashboard
    run = JobRun.objects.get(job=failing_job.name)
    assert not run.succeeded and "CommandError" in run.error

    admin_client.post(reverse("scheduling_run_now", args=[failing_job.name]))

    assert JobState.objects.get(name=failing_job.name).next_due <= timezone.now()
    call_command("run_periodic_jobs", "--once")
    assert JobRun.objects.filter(job=failing_job.name).count() == 2


def test_the_dashboard_says_nothing_when_every_job_is_fine(admin_client):
    only_due()

    assert (
        "Periodic jobs need attention"
        not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_an_editor_cannot_see_the_report_nor_run_a_job(client, django_user_model):
    editor = django_user_model.objects.create_user(username="editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    only_due()
    two_days_ago = timezone.now() - timedelta(days=2)
    JobState.objects.filter(name="publish_scheduled").update(next_due=two_days_ago)

    report = client.get(reverse("scheduling_report"))
    client.post(reverse("scheduling_run_now", args=["publish_scheduled"]))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert report.status_code == 302 and report["Location"] == reverse("wagtailadmin_home")
    assert JobState.objects.get(name="publish_scheduled").next_due == two_days_ago
    assert "Periodic jobs" not in dashboard
