from django.apps import AppConfig


class FrontCacheConfig(AppConfig):
    """Kept answers (the render cache) and purges of the front cache when content changes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "frontcache"
    verbose_name = "Front cache"

    def ready(self):
        from frontcache import content_changes, purge
        from scheduling import jobs
        from serialization import prefetch

        content_changes.connect()
        # Site-wide values kept across requests are retired with the rendered answers.
        prefetch.register_content_generation(content_changes.content_generation)
        purge.connect()
        # A medical review falls overdue at midnight with no save to purge its pages.
        jobs.register("purge_lapsed_reviews", "purge_lapsed_reviews", interval=jobs.EVERY_MINUTE)
