from wagtail.admin.forms import WagtailAdminModelForm


class TestimonialForm(WagtailAdminModelForm):
    """Refuses the publish action while consent is missing; drafts may still be saved."""

    def clean(self):
        from procedures.models import CONSENT_REQUIRED_MESSAGE

        cleaned_data = super().clean()
        if self.data.get("action-publish") and not cleaned_data.get("consent_on_file"):
            self.add_error("consent_on_file", CONSENT_REQUIRED_MESSAGE)
        return cleaned_data
