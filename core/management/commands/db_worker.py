"""django-tasks-db's ``db_worker``, which carries on through a database outage.

Its worker exits on the first database error outside a task (a restart of PostgreSQL,
a failover): the tasks queued after it would wait for someone to start a worker again.
This one logs the error, drops its connections and tries again a moment later, until it
is stopped; a task cut short by the outage is retried by ``requeue_abandoned_tasks``.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

#: How long the worker waits before asking a database that did not answer again.
RECONNECT_SECONDS = 1


class ReconnectingWorker(db_worker.Worker):
    def run(self):
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if not self.running:
                    raise
                logger.warning(
                    "The database did not answer (%s); the worker asks again in %s s.",
                    type(error).__name__,
                    RECONNECT_SECONDS,
                )
                connections.close_all()
                time.sleep(RECONNECT_SECONDS)


class Command(db_worker.Command):
    def handle(self, *args, **options):
        # The command builds its worker from its module's ``Worker``: ours, for this run.
        original = db_worker.Worker
        db_worker.Worker = ReconnectingWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
