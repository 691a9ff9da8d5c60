"""The durable task queue: django-tasks-db's database backend and its real worker loop
(``manage.py db_worker``), run here in the test's process so that it reads the test's
database. A publish only queues its purge, which the worker then sends; a task that
raises is tried again; one that fails every attempt is shown to superusers with its
error and can be run again.
"""

import threading
from datetime import timedelta
from http.server import ThreadingHTTPServer
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus, task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from cms.settings.base import front_cache_backends
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site
from tests.frontcache.test_purge_requests import PURGE_TOKEN, PurgeRecorder

pytestmark = pytest.mark.django_db

#: Attempts of the tasks below, by task: the worker runs in this process.
attempts = {}


@task()
def fails_once():
    attempts["fails_once"] = attempts.get("fails_once", 0) + 1
    if attempts["fails_once"] == 1:
        raise ConnectionError("search cluster unreachable")
    return "indexed"


@task()
def always_fails():
    attempts["always_fails"] = attempts.get("always_fails", 0) + 1
    raise ConnectionError("search cluster unreachable")


@pytest.fixture(autouse=True)
def database_queue(settings):
    attempts.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_RETRY_SECONDS = 0
    settings.TASKS_MAX_ATTEMPTS = 3


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    """A worker process drops its database connections between tasks. Here the worker runs
    in the test's process, whose connection holds the test's transaction (PostgreSQL would
    lose it; SQLite's in-memory database is never closed)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    """Everything that is ready, as a worker process runs it, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")


@pytest.fixture
def varnish_node(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.paths, server.urls, server.bans, server.tokens = [], [], [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = front_cache_backends(
        [f"http://127.0.0.1:{server.server_address[1]}"], PURGE_TOKEN
    )
    yield server
    server.shutdown()
    server.server_close()


def test_a_publish_queues_its_purge_and_the_worker_sends_it(
    varnish_node, django_capture_on_commit_callbacks
):
    page = ProcedurePageFactory(parent=a_site().procedures, slug="microdiscectomy")
    page.title = "Microdiscectomy, revised"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert "/procedures/microdiscectomy/" not in varnish_node.paths
    assert DBTaskResult.objects.ready().filter(task_path__endswith="purge_urls_from_cache_task")
    run_worker()
    assert "/procedures/microdiscectomy/" in varnish_node.paths
    assert not DBTaskResult.objects.ready().exists()


def test_a_failed_attempt_is_tried_again():
    result = fails_once.enqueue()
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "indexed"
    assert len(row.worker_ids) == 2


def test_a_retry_waits_longer_after_each_failure(settings):
    settings.TASKS_RETRY_SECONDS = 60
    result = always_fails.enqueue()
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert attempts["always_fails"] == 1
    assert (row.run_after - row.started_at).total_seconds() >= 60


def test_a_task_failing_every_attempt_is_shown_to_superusers_and_runs_again(
    client, django_user_model
):
    result = always_fails.enqueue()
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert attempts["always_fails"] == 3

    admin = django_user_model.objects.create_superuser("ops", "ops@example.com", "pw")
    client.force_login(admin)
    report = client.get(reverse("core_background_tasks"))
    assert report.status_code == 200
    assert "always_fails" in report.text
    assert "ConnectionError: search cluster unreachable" in report.text

    answer = client.post(reverse("core_run_task_again", args=[row.pk]), follow=True)
    assert "will run again" in answer.text
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert row.worker_ids == []
    run_worker()
    assert attempts["always_fails"] == 6


def test_editors_cannot_see_the_report_nor_run_a_task_again(client, django_user_model):
    result = always_fails.enqueue()
    run_worker()
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    refused = reverse("wagtailadmin_home")
    assert client.get(reverse("core_background_tasks")).url == refused
    assert client.post(reverse("core_run_task_again", args=[result.id])).url == refused
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED


def abandoned_by_a_killed_worker(settings):
    """A queued task claimed by a worker that died: still running, for longer than allowed."""
    row = DBTaskResult.objects.get(pk=fails_once.enqueue().id)
    row.claim("killed-worker")
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=row.started_at - timedelta(seconds=settings.TASKS_ABANDONED_SECONDS + 1)
    )
    return row


def test_a_task_whose_worker_stopped_mid_task_is_tried_again(settings):
    row = abandoned_by_a_killed_worker(settings)
    call_command("requeue_abandoned_tasks", stdout=StringIO())
    run_worker()
    row.refresh_from_db()
    # The attempt the dead worker had counts: the next one, its second, succeeds.
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids[0] == "killed-worker"


def test_a_task_abandoned_on_its_last_attempt_fails_with_a_reason(settings):
    settings.TASKS_MAX_ATTEMPTS = 1
    row = abandoned_by_a_killed_worker(settings)
    call_command("requeue_abandoned_tasks", stdout=StringIO())
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert "worker stopped" in row.traceback
    assert not attempts


def test_a_task_running_for_a_short_while_is_left_to_its_worker():
    result = fails_once.enqueue()
    DBTaskResult.objects.get(pk=result.id).claim("busy-worker")
    call_command("requeue_abandoned_tasks", stdout=StringIO())
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
