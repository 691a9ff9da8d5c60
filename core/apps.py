from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every content app shares. Its label stays ``cms`` so that no migration moves."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    label = "cms"
    verbose_name = "Foramen"

    def ready(self):
        from django_tasks.signals import task_finished

        from core import content, loaders, renditions, task_queue
        from core.models import CallToAction, Claim, SiteCallToAction, SiteSettings, SocialLink
        from localization.models import SiteText
        from scheduling import jobs

        content.register_content_app(self)
        content.register_shown_in_pages(CallToAction, Claim)
        # The site's texts show in every page's header and footer, as the settings do.
        content.register_site_wide(SiteSettings, SiteCallToAction, SocialLink, SiteText)
        loaders.register()
        renditions.connect()
        task_finished.connect(task_queue.retry_failed_attempt)
        # Go-live and expiry dates (our override of Wagtail's command).
        jobs.register("publish_scheduled", "publish_scheduled", interval=jobs.EVERY_MINUTE)
        if task_queue.uses_database_queue():
            jobs.register(
                "requeue_abandoned_tasks", "requeue_abandoned_tasks", interval=jobs.EVERY_MINUTE
            )
            jobs.register(
                "prune_db_task_results",
                "prune_db_task_results",
                "--min-age-days=14",
                interval=jobs.DAILY,
            )
