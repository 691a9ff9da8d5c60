from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.Model):
    """One row per periodic job: when it is due, who holds it, how it last went.

    Schedulers claim a job by a conditional UPDATE of this row (scheduling/runner.py), so
    the database, shared by every server, decides which one runs it.
    """

    name = models.CharField(max_length=100, unique=True)
    next_due = models.DateTimeField()
    #: Set while a scheduler runs the job; a claim waits until it has passed.
    lease_until = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    #: The traceback of the last failure; the command's output is never kept.
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("periodic job state")

    def __str__(self):
        return self.name

    @classmethod
    def last_success_day(cls, name):
        """The local date of the job's last successful run, None if it never succeeded: a job
        that acts on what changed with the date covers every day since, after an outage."""
        last = cls.objects.filter(name=name).values_list("last_success_at", flat=True).first()
        return timezone.localdate(last) if last else None

    @property
    def last_run_failed(self):
        return self.last_failure_at is not None and (
            self.last_success_at is None or self.last_failure_at > self.last_success_at
        )


class JobRun(models.Model):
    """One run of a periodic job, kept for RUN_RETENTION (scheduling/runner.py)."""

    job = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    succeeded = models.BooleanField()
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        indexes = [models.Index(fields=["job", "-started_at"])]

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M:%S}"
