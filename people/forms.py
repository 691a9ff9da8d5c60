from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from localization.forms import RegulatedTextFormMixin

CONSENT_REQUIRED_MESSAGE = _(
    "A testimonial cannot be published without the date of the patient's consent on file."
)


class TestimonialForm(RegulatedTextFormMixin, WagtailAdminModelForm):
    """Refuses the publish action while consent is missing; drafts may still be saved."""

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and not cleaned_data.get("consent_on_file"):
            self.add_error("consent_on_file", CONSENT_REQUIRED_MESSAGE)
        return cleaned_data
