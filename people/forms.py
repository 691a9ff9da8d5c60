from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from localization.forms import RegulatedTextFormMixin

AUTHORIZATION_REQUIRED_MESSAGE = _(
    "A testimonial cannot be published without an active authorization from the patient "
    "(signed, not expired, not revoked, complete) that covers this site. Save it as a "
    "draft, record the authorization under Testimonials → Authorizations, then publish."
)


class TestimonialForm(RegulatedTextFormMixin, WagtailAdminModelForm):
    """Refuses the publish action without an active authorization covering this site; drafts
    may still be saved. The model's publish path refuses too (``Testimonial.publish``)."""

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish"):
            try:
                self.instance.check_publishable()
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data
