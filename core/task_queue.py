"""Retries of the durable task queue, and what the admin's "Background tasks" report does.

In production the tasks (Wagtail's search indexing, reference index and front-cache
purges, our renditions and webhook deliveries) are rows of django-tasks-db's
``DBTaskResult``, run by ``manage.py db_worker`` processes, so that a publish never waits
on the search cluster or on Varnish. django-tasks-db tries a task once; here a task that
raised is made ready again after a wait that doubles each time, until it has had
``TASKS_MAX_ATTEMPTS`` attempts. Then it stays failed, with its error, until someone runs
it again from the report.

A task's attempts are its row's ``worker_ids``: the worker adds its id on every claim.
A task still marked running long after it started lost its worker (killed, or its machine
went away): the periodic job ``requeue_abandoned_tasks`` counts that as a failed attempt.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

ABANDONED_ERROR = "core.task_queue.AbandonedTask"


def uses_database_queue():
    return issubclass(import_string(settings.TASKS["default"]["BACKEND"]), DatabaseBackend)


def retry_delay(attempts):
    return timedelta(seconds=settings.TASKS_RETRY_SECONDS * 2 ** (attempts - 1))


def retry_failed_attempt(sender, task_result, **kwargs):
    """``task_finished`` receiver: a failed attempt of a queued task is tried again later."""
    # db_worker sends the backend itself after a success and its class after a failure.
    backend_class = sender if isinstance(sender, type) else type(sender)
    if task_result.status != TaskResultStatus.FAILED or not issubclass(
        backend_class, DatabaseBackend
    ):
        return
    attempts = len(task_result.worker_ids)
    if attempts >= settings.TASKS_MAX_ATTEMPTS:
        return
    DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        finished_at=None,
        run_after=timezone.now() + retry_delay(attempts),
    )


def failed_tasks():
    return DBTaskResult.objects.failed().order_by("-finished_at")


def queue_counts():
    """How many tasks wait, run and have failed, for the report's summary."""
    return {
        "ready": DBTaskResult.objects.filter(status=TaskResultStatus.READY).count(),
        "running": DBTaskResult.objects.running().count(),
        "failed": DBTaskResult.objects.failed().count(),
    }


def run_again(task_id):
    """Make a failed task ready now with a fresh set of attempts; False when it is not failed."""
    return bool(
        DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            finished_at=None,
            run_after=timezone.now(),
            worker_ids=[],
        )
    )


def error_summary(task_result):
    """The exception's class and message: the traceback's last line."""
    lines = task_result.traceback.strip().splitlines()
    return lines[-1] if lines else task_result.exception_class_path


def requeue_abandoned():
    """Tasks running for longer than TASKS_ABANDONED_SECONDS: ready again, or failed when
    that was their last attempt. Returns how many were made ready and how many failed."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.TASKS_ABANDONED_SECONDS)
    ready = failed = 0
    with transaction.atomic():
        abandoned = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        for task_result in abandoned.select_for_update(skip_locked=True):
            if len(task_result.worker_ids) >= settings.TASKS_MAX_ATTEMPTS:
                task_result.status = TaskResultStatus.FAILED
                task_result.finished_at = now
                task_result.exception_class_path = ABANDONED_ERROR
                task_result.traceback = (
                    "AbandonedTask: its worker stopped before the task finished\n"
                )
                failed += 1
            else:
                task_result.status = TaskResultStatus.READY
                task_result.run_after = now
                ready += 1
            task_result.save(
                update_fields=[
                    "status",
                    "finished_at",
                    "run_after",
                    "exception_class_path",
                    "traceback",
                ]
            )
    return ready, failed
