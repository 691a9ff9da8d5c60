"""Running the periodic jobs once across the cluster.

Every scheduler (``manage.py run_periodic_jobs``, one or several servers) looks at every
registered job each tick and claims it with one conditional UPDATE of its ``JobState``
row: due (``next_due`` passed) and not held (no lease, or an expired one). The database
applies the UPDATE to the row once, so one claim wins and the others change nothing
(on PostgreSQL the second waits for the first's row lock and then finds the row no
longer matching; SQLite writes one at a time). No process-local lock is involved.
"""

import io
import logging
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.timesince import timesince

from scheduling import jobs
from scheduling.models import JobRun, JobState

logger = logging.getLogger(__name__)

#: A job is late when its run is overdue by more than its interval and this.
GRACE = timedelta(minutes=5)
RUN_RETENTION = timedelta(days=30)


def add_job_states(**post_migrate_arguments):
    """A state row, due at once, for each registered job that has none."""
    now = timezone.now()
    JobState.objects.bulk_create(
        [JobState(name=job.name, next_due=now) for job in jobs.registered()],
        ignore_conflicts=True,
    )


def claim(job, now):
    """Whether this scheduler won ``job``: True for exactly one claim of a due job."""
    return (
        JobState.objects.filter(name=job.name, next_due__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lte=now))
        .update(lease_until=now + job.lease, last_started_at=now)
        == 1
    )


def run(job, started_at):
    """Run the claimed ``job`` and record how it went. Its output is discarded: the
    record keeps the traceback of a failure only."""
    error = ""
    try:
        call_command(job.command, *job.args, stdout=io.StringIO(), stderr=io.StringIO())
    except (Exception, SystemExit):
        error = traceback.format_exc()
        logger.exception("Periodic job %s failed", job.name)
    finished_at = timezone.now()
    JobRun.objects.create(
        job=job.name,
        started_at=started_at,
        finished_at=finished_at,
        succeeded=not error,
        error=error,
    )
    outcome = (
        {"last_failure_at": finished_at, "last_error": error}
        if error
        else {"last_success_at": finished_at}
    )
    JobState.objects.filter(name=job.name).update(
        lease_until=None,
        last_finished_at=finished_at,
        # "Run now" during the run moved next_due past the claim: keep it.
        next_due=Case(
            When(next_due__gt=started_at, then=F("next_due")),
            default=started_at + job.interval,
        ),
        **outcome,
    )
    JobRun.objects.filter(job=job.name, started_at__lt=finished_at - RUN_RETENTION).delete()
    return not error


def run_due_jobs():
    """Claim and run each due job this scheduler wins; the names of those it ran."""
    add_job_states()
    ran = []
    for job in jobs.registered():
        now = timezone.now()
        if claim(job, now):
            run(job, now)
            ran.append(job.name)
    return ran


def run_now(job):
    """Make ``job`` due at once (the report's "Run now")."""
    add_job_states()
    JobState.objects.filter(name=job.name).update(next_due=timezone.now())


@dataclass
class JobStatus:
    job: jobs.PeriodicJob
    state: JobState | None
    late: bool

    @property
    def interval_text(self):
        """ "1 minute", "1 day", in the reader's language."""
        now = timezone.now()
        return timesince(now - self.job.interval, now)

    @property
    def failed(self):
        return self.state is not None and self.state.last_run_failed

    @property
    def needs_attention(self):
        return self.late or self.failed


def job_statuses(now=None):
    now = now or timezone.now()
    states = JobState.objects.in_bulk(field_name="name")
    statuses = []
    for job in jobs.registered():
        state = states.get(job.name)
        late = state is not None and now - state.next_due > job.interval + GRACE
        statuses.append(JobStatus(job, state, late))
    return statuses
