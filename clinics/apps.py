from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinics"
    verbose_name = "Clinics"

    def ready(self):
        from clinics import loaders, structured_data
        from clinics.permissions import register_clinic_scoped_policies
        from core import content

        content.register_content_app(self)
        loaders.register()
        structured_data.register()
        # Before any view asks the registry, or it would cache the default policy.
        register_clinic_scoped_policies()
