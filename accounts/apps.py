from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Protection of the admin's accounts: login and password reset throttling, idle timeout."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from scheduling import jobs

        # Sessions live in the database: expired ones are deleted daily.
        jobs.register("clearsessions", "clearsessions", interval=jobs.DAILY)
