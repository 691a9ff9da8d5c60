from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    """The cluster's periodic jobs: their registry, the scheduler that claims and runs
    them once across every server, and their report in the admin."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "scheduling"
    verbose_name = "Periodic jobs"

    def ready(self):
        from django.db.models.signals import post_migrate

        from scheduling.runner import add_job_states

        # A job gets its row (due at once) when the database is set up, so that the
        # report counts it late when no scheduler has ever run it.
        post_migrate.connect(add_job_states, sender=self, dispatch_uid="scheduling-job-states")
