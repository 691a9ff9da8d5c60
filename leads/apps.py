from django.apps import AppConfig


class LeadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from core import content
        from leads import checks, signals  # noqa: F401  (registers checks and receivers)
        from leads.ledger import ConsentLedgerPermissionPolicy
        from leads.models import LeadFormField, LeadFormPage
        from people.consent import TestimonialAuthorization
        from scheduling import jobs

        content.register_content_models(LeadFormPage, LeadFormField)
        jobs.register("purge_submissions", "purge_submissions", interval=jobs.DAILY)
        # The consent ledger is kept by each clinic's lead managers (leads.ledger).
        register_permission_policy(
            TestimonialAuthorization, ConsentLedgerPermissionPolicy(TestimonialAuthorization)
        )
