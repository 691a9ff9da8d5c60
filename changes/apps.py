from django.apps import AppConfig


class ChangesConfig(AppConfig):
    """The outbox of content changes (ChangeEvent) and the sync feed it serves."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "changes"
    verbose_name = "Change events"

    def ready(self):
        from changes import signals
        from scheduling import jobs

        signals.connect()
        jobs.register("prune_change_events", "prune_change_events", interval=jobs.DAILY)
        # Syndication ended by a date alone reaches partners within a minute.
        jobs.register(
            "note_ended_syndication", "note_ended_syndication", interval=jobs.EVERY_MINUTE
        )
