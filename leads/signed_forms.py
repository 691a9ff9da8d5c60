"""The signed form of a testimonial authorization in the admin: attached in the ledger's own
create and edit form, downloaded only by the ledger's keepers, every attempt logged.

The ledger (people) cannot import this app, so its form takes the field and panel
through people's CONSENT_LEDGER_FORM_HOOK (registered in leads.wagtail_hooks). The
file is checked as a visitor's file is (leads.uploads: kind read from its bytes, read
whole, size limit, virus scan) and kept by leads.consent_forms.
"""

import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import policy_registry

from leads import downloads
from leads.consent_forms import SignedConsentForm
from leads.models import SubmissionAccessLog
from leads.uploads import MedicalFileField
from people.consent import TestimonialAuthorization

logger = logging.getLogger(__name__)
Action = SubmissionAccessLog.Action

#: The form field that takes the scan.
FIELD_NAME = "signed_form_file"
#: The admin views whose uploads leads.middleware keeps in memory, never in a temporary file.
UPLOAD_VIEW_NAMES = frozenset(
    f"wagtailsnippets_people_testimonialauthorization:{view}" for view in ("add", "edit")
)
SCANNED_KINDS = ("application/pdf", "image/jpeg", "image/png")
KIND_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def log_detail(authorization):
    """Names the authorization by number only: never the patient or the file's name."""
    return f"Testimonial authorization {authorization.pk}"


class SignedFormField(MedicalFileField):
    """The scan of a signed form: a PDF, JPEG or PNG, checked as a visitor's file is."""

    default_error_messages = {
        "file_type": _(
            "This file is not a PDF, JPEG or PNG file. Save the scan of the signed form as one."
        ),
        "file_damaged": _(
            "“%(name)s” could not be read as a whole: it may be damaged, incomplete or "
            "password-protected. Scan the signed form again."
        ),
        "infected": _("“%(name)s” was not accepted because the virus check found a threat in it."),
        "scan_unavailable": _(
            "“%(name)s” could not be checked for viruses just now, so nothing was saved. "
            "Try again in a few minutes."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}),
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded_file = super().clean(data, initial)
        if uploaded_file and uploaded_file.sniffed_content_type not in SCANNED_KINDS:
            raise forms.ValidationError(self.error_messages["file_type"], code="file_type")
        return uploaded_file


def stored_form(authorization):
    if authorization.pk is None:
        return None
    return SignedConsentForm.objects.filter(authorization=authorization).first()


class SignedFormLedgerForm(WagtailAdminModelForm):
    """Takes the scan while none is stored; a stored one is kept, never replaced."""

    signed_form_file = SignedFormField(
        label=_("Signed form"),
        required=False,
        help_text=_(
            "The scan of the form the patient signed: a PDF, JPEG or PNG. It is stored "
            "encrypted and kept six years; once saved it cannot be replaced or deleted."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if stored_form(self.instance) is not None:
            del self.fields[FIELD_NAME]

    @sensitive_variables()
    def save(self, commit=True):
        authorization = super().save(commit=commit)
        uploaded = self.cleaned_data.get(FIELD_NAME)
        if uploaded and commit:
            SignedConsentForm.store(authorization, uploaded, self.for_user)
            SubmissionAccessLog.record(
                self.for_user, Action.CONSENT_ATTACH, None, [], detail=log_detail(authorization)
            )
        return authorization


class SignedFormPanel(FieldPanel):
    """The file input, or, once a form is stored, what it is and the link to download it."""

    def __init__(self, field_name=FIELD_NAME, **kwargs):
        kwargs.setdefault("heading", _("Signed form"))
        kwargs.setdefault("icon", "doc-full")
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "leads/admin/signed_form_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.stored = stored_form(self.instance)

        def is_shown(self):
            return self.stored is not None or super().is_shown()

        def id_for_label(self):
            return self.bound_field.id_for_label if self.bound_field else ""

        @property
        def comments_enabled(self):
            return False

        def get_context_data(self, parent_context=None):
            if self.bound_field is not None:
                return super().get_context_data(parent_context)
            context = Panel.BoundPanel.get_context_data(self, parent_context)
            context.update(
                stored=self.stored,
                kind=KIND_LABELS.get(self.stored.content_type, ""),
                size=filesizeformat(self.stored.size),
                download_url=reverse("leads:signed_form", args=[self.instance.pk]),
            )
            return context


def ledger_form_extension():
    """What leads adds to the ledger's form (people.wagtail_hooks.CONSENT_LEDGER_FORM_HOOK)."""
    return SignedFormLedgerForm, [SignedFormPanel()]


def ledger_listing_extension():
    """Which authorizations have their signed form, as a column of the ledger's listing
    (people.wagtail_hooks.CONSENT_LEDGER_LISTING_HOOK): an audit looks for those without."""
    on_file = SignedConsentForm.objects.filter(authorization=OuterRef("pk"))
    return (
        [BooleanColumn("has_signed_form", label=_("Signed form"))],
        lambda queryset: queryset.annotate(has_signed_form=Exists(on_file)),
    )


def may_read(user, authorization):
    """The ledger's own policy (leads.ledger): its keepers for this authorization's clinic."""
    policy = policy_registry.get_by_type(TestimonialAuthorization)
    return policy.user_has_any_permission_for_instance(user, ["view", "change"], authorization)


@sensitive_variables()
def download_signed_form(request, authorization_id):
    authorization = get_object_or_404(
        TestimonialAuthorization.objects.select_related("testimonial"), pk=authorization_id
    )
    if not may_read(request.user, authorization):
        raise PermissionDenied
    signed_form = get_object_or_404(SignedConsentForm, authorization=authorization)
    detail = log_detail(authorization)
    try:
        content = signed_form.read()
    except Exception as error:  # a missing file, a retired key, a storage outage
        logger.error("Signed form %s could not be read (%s).", signed_form.pk, type(error).__name__)
        SubmissionAccessLog.record(request.user, Action.CONSENT_READ_FAILED, None, [], detail)
        messages.error(
            request, gettext("The signed form could not be read. Nothing was downloaded.")
        )
        return redirect("wagtailsnippets_people_testimonialauthorization:edit", authorization.pk)
    SubmissionAccessLog.record(request.user, Action.CONSENT_READ, None, [], detail)
    return downloads.private_attachment(
        content,
        signed_form.content_type,
        signed_form.original_name,
        f"authorization-{authorization.pk}-signed-form",
    )


def deletion_refusal(instances):
    """The message refusing to delete authorizations whose signed form is kept, or None."""
    kept = [
        instance
        for instance in instances
        if isinstance(instance, TestimonialAuthorization)
        and SignedConsentForm.objects.filter(authorization=instance).exists()
    ]
    if not kept:
        return None
    return gettext(
        "%(authorizations)s cannot be deleted: the patient's signed form is kept with it for "
        "six years. Record a revocation instead."
    ) % {"authorizations": ", ".join(str(authorization) for authorization in kept)}
