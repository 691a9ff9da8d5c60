"""The task worker (core/management/commands/db_worker.py) carries on when PostgreSQL cuts
its connection, as a restart or a failover does: the tasks queued afterwards still run.

A real ``manage.py db_worker`` process on the test's database; the cut is PostgreSQL's own
(pg_terminate_backend). django-tasks-db's own worker exits there.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

pytestmark = [
    # Decided before the database is set up: a transactional test empties it afterwards.
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="PostgreSQL only: a SQLite file has no connection for the server to cut",
    ),
    pytest.mark.django_db(transaction=True),
]

WORKER_NAME = "foramen-test-worker"
WAIT_SECONDS = 60


@task()
def note_done():
    return "done"


def database_url():
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "DATABASE_APPLICATION_NAME": WORKER_NAME,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.terminate()
    process.wait(timeout=30)


def finished(result_id, worker):
    """The task's final status; None if the worker stopped or did not get to it in time."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and worker.poll() is None:
        row = DBTaskResult.objects.get(pk=result_id)
        if row.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
            return row.status
        time.sleep(0.2)
    return None


@contextmanager
def database_refusing_connections():
    """The database as a restart leaves it for a while: the worker's connections cut, and
    every new one refused, until the block ends. The test's own connection stays."""
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {name} CONNECTION LIMIT 0")
        try:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = %s",
                [WORKER_NAME],
            )
            [(cut,)] = cursor.fetchall()
            yield cut
        finally:
            cursor.execute(f"ALTER DATABASE {name} CONNECTION LIMIT -1")


def test_the_worker_runs_tasks_queued_after_the_database_refused_it_for_a_while(
    content_restored_afterwards, worker
):
    assert finished(note_done.enqueue().id, worker) == TaskResultStatus.SUCCESSFUL
    with database_refusing_connections() as cut:
        assert cut >= 1
        # Past the worker's polling interval (1 s): it meets the refusal at least once.
        time.sleep(3)

    after_the_cut = note_done.enqueue()
    assert worker.poll() is None, f"the worker stopped: {worker.stdout.read()[-2000:]}"
    assert finished(after_the_cut.id, worker) == TaskResultStatus.SUCCESSFUL
