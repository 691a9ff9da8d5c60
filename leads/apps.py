from django.apps import AppConfig


class LeadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        from core import content
        from leads import checks, signals  # noqa: F401  (registers checks and receivers)
        from leads.models import LeadFormField, LeadFormPage

        content.register_content_models(LeadFormPage, LeadFormField)
