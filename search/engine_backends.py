"""The search engines' backends, with indexing errors that reach the task queue.

modelsearch's engine backends catch (and log) an error of the engine while an object
is indexed (``catch_indexing_errors``), so that no save fails because the cluster is
down. With the durable task queue of production (django-tasks-db), indexing runs in a
task of the worker, and a caught error made that task succeed: a page published while
the cluster was down was never indexed, and so never found once it was back. In a
queued task the error is raised here instead: the task fails and is tried again
(core/task_queue.py) until the cluster answers. Anywhere else (a save in a request, the
immediate backend of development and tests) it is still caught, as before.
"""

from contextvars import ContextVar

from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

_in_queued_task = ContextVar("in_queued_task", default=False)


def _task_started(sender, **kwargs):
    # The worker sends the backend itself; other senders send its class.
    backend_class = sender if isinstance(sender, type) else type(sender)
    _in_queued_task.set(issubclass(backend_class, DatabaseBackend))


def _task_finished(sender, **kwargs):
    _in_queued_task.set(False)


def connect():
    task_started.connect(_task_started, dispatch_uid="search-queued-task-started")
    task_finished.connect(_task_finished, dispatch_uid="search-queued-task-finished")


class RetriedIndexing:
    @property
    def catch_indexing_errors(self):
        return not _in_queued_task.get()


class OpenSearch3(RetriedIndexing, OpenSearch3SearchBackend):
    pass


class Elasticsearch9(RetriedIndexing, Elasticsearch9SearchBackend):
    pass
