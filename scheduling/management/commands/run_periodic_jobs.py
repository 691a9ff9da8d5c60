import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from scheduling.runner import run_due_jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (scheduling/jobs.py), each on one scheduler of "
        "the cluster however many run, and keep looking every --tick seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then exit.")
        parser.add_argument(
            "--tick", type=float, default=15, metavar="SECONDS", help="Seconds between looks."
        )

    def handle(self, *args, once=False, tick=15, **options):
        stopping = threading.Event()
        if not once:
            # SIGTERM (scripts/stack.sh stop) lets the job under way finish, then exits.
            signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
        while True:
            try:
                ran = run_due_jobs()
            except DatabaseError:
                if once:
                    raise
                logger.exception("The periodic jobs could not be claimed")
                ran = []
            if ran and options["verbosity"] > 1:
                self.stdout.write("Ran " + ", ".join(ran))
            if once or stopping.wait(tick):
                return
            # As after a request: a connection that broke (a database restart) or
            # outlived CONN_MAX_AGE is replaced rather than failing every later tick.
            close_old_connections()
