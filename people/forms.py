from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

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


class TestimonialAuthorizationForm(WagtailAdminModelForm):
    """Records consent only for a testimonial whose authorizations the user keeps: the
    ledger's policy may limit a user to some clinics (leads.ledger), and an authorization
    recorded for another clinic's testimonial would let that testimonial be published."""

    def clean_testimonial(self):
        testimonial = self.cleaned_data["testimonial"]
        ledger = type(self.instance)
        policy = policy_registry.get_by_type(ledger)
        if self.for_user and not policy.user_has_any_permission_for_instance(
            self.for_user, ["add", "change"], ledger(testimonial=testimonial)
        ):
            raise ValidationError(
                _("You keep the consent of the testimonials of your own clinics only.")
            )
        return testimonial
