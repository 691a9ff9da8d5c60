"""The registry of periodic jobs: each a management command with its arguments and how
often it runs, registered by the app that owns the command in its ``AppConfig.ready()``:

    from scheduling import jobs
    jobs.register("purge_submissions", "purge_submissions", interval=jobs.DAILY)

``manage.py run_periodic_jobs`` runs them (scheduling/runner.py); Reports → Periodic jobs
shows their last runs.
"""

from dataclasses import dataclass
from datetime import timedelta

EVERY_MINUTE = timedelta(minutes=1)
DAILY = timedelta(days=1)
#: How long a claim holds a job: a scheduler that dies mid-run holds it this long, and a
#: run that lasts longer may be started again by another scheduler.
DEFAULT_LEASE = timedelta(minutes=30)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    command: str
    args: tuple[str, ...]
    interval: timedelta
    lease: timedelta


_jobs = {}


def register(name, command, *args, interval, lease=DEFAULT_LEASE):
    """Run ``manage.py command *args`` every ``interval``, on one server of the cluster."""
    if name in _jobs:
        raise ValueError(f"A periodic job named {name!r} is registered already.")
    _jobs[name] = PeriodicJob(name, command, tuple(args), interval, lease)


def registered():
    """The jobs in the order they were registered."""
    return list(_jobs.values())


def named(name):
    return _jobs.get(name)
