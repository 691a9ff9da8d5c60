"""Lead forms (Wagtail form builder pages) and what they store: encrypted submissions and files."""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.models import APIPageMixin
from leads import audit, crypto, notifications, ratelimit
from leads.admin_forms import LeadFormPageForm
from leads.consent_forms import SignedConsentForm  # noqa: F401  (a model of this app)
from leads.fields import EncryptedJSONField, EncryptedTextField
from leads.forms import (
    HONEYPOT_FIELD,
    UPLOAD_FIELD_TYPE,
    LeadFormBuilder,
    describe_fields,
    error_summary,
    honeypot_filled,
    uploaded_files,
)
from leads.storage import private_storage
from localization.regulated import RegulatedTextMixin

logger = logging.getLogger(__name__)
# The message asks the visitor to try again "in a few minutes".
SCANNER_RETRY_AFTER_SECONDS = 300

LEAD_FIELD_CHOICES = FORM_FIELD_CHOICES + (
    (UPLOAD_FIELD_TYPE, _("MRI/CT upload (PDF, JPEG, PNG or DICOM)")),
)


class SubmissionNotStored(Exception):
    """Saving a submission or one of its files failed; nothing of it was kept."""


# What a field asks for, so browsers can fill it in (WCAG 2.1 success criterion 1.3.5).
AUTOCOMPLETE_CHOICES = [
    ("name", _("Full name")),
    ("given-name", _("First name")),
    ("family-name", _("Last name")),
    ("email", _("Email")),
    ("tel", _("Phone number")),
    ("street-address", _("Street address")),
    ("address-level2", _("City")),
    ("address-level1", _("State")),
    ("postal-code", _("ZIP code")),
    ("bday", _("Date of birth")),
]


class LeadFormField(TranslatableMixin, AbstractFormField):
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=LEAD_FIELD_CHOICES
    )
    field_type.required_on_save = True
    autocomplete = models.CharField(
        verbose_name=_("asks for"),
        max_length=20,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text=_("When the field asks for the visitor's own details, browsers can fill it in."),
    )
    page = ParentalKey("LeadFormPage", on_delete=models.CASCADE, related_name="form_fields")

    panels = AbstractFormField.panels + [FieldPanel("autocomplete")]

    # The key under which submissions store the answer: one per field in every language,
    # so it is copied, never translated.
    override_translatable_fields = [SynchronizedField("clean_name")]

    # Translatable, so that wagtail-localize offers each field's label, help text and choices.
    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class LeadFormPage(RegulatedTextMixin, APIPageMixin, AbstractEmailForm):
    """A form for patients: editors choose and order its fields and write its thank-you text.

    What visitors send is stored encrypted and only lead managers read it in the
    admin (leads/views.py); the page itself never shows, mails or serves it.
    """

    # Patients type health information here: no script of the site runs on it (the
    # header's menu stays open without one; only an error summary gets its focus script).
    without_site_scripts = True

    intro = RichTextField(blank=True, features=BODY_RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(
        blank=True,
        features=BODY_RICH_TEXT_FEATURES,
        help_text=_("Shown after a visitor sends the form."),
    )
    consent_text = RichTextField(
        blank=True,
        features=BODY_RICH_TEXT_FEATURES,
        verbose_name=_("consent wording"),
        help_text=_(
            "What the visitor agrees to by sending the form, as approved by compliance. "
            "A translation is never published with this wording untranslated."
        ),
    )

    regulated_fields = ("consent_text",)
    # Where notifications go is the same in every language: copied, not translated.
    override_translatable_fields = [
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
    ]

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            heading=_("Notification email"),
            help_text=_(
                "The email says only that a submission arrived and links to it in the admin; "
                "it never contains what the visitor typed."
            ),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = APIPageMixin.common_api_fields + [
        APIField("intro", writable=True),
        APIField("consent_text", writable=True),
        APIField("thank_you_text", writable=True),
    ]

    parent_page_types = ["home.HomePage", "locations.LocationPage"]

    form_builder = LeadFormBuilder
    base_form_class = LeadFormPageForm
    template = "leads/lead_form_page.html"
    landing_page_template = "leads/lead_form_page_landing.html"

    class Meta:
        verbose_name = _("lead form page")

    @cached_property
    def location(self):
        """The clinic this form belongs to: the nearest location page above it, if any."""
        from locations.models import LocationPage

        if not self.path:  # a new page, previewed before its first save
            return None
        return LocationPage.objects.ancestor_of(self).order_by("-depth").first()

    @property
    def has_upload(self):
        return bool(self.upload_field_names)

    @cached_property
    def upload_field_names(self):
        """The names under which the form takes files; no other file is read."""
        return frozenset(
            field.clean_name
            for field in self.get_form_fields()
            if field.field_type == UPLOAD_FIELD_TYPE
        )

    def get_submission_class(self):
        return LeadSubmission

    # --- Serving ----------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        # Django's error reports leave POST values out for this request.
        request.sensitive_post_parameters = "__ALL__"
        response = self.serve_form(request)
        patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        patch_cache_control(response, no_store=True, private=True)
        return response

    @sensitive_variables()
    def serve_form(self, request):
        if request.method != "POST":
            return self.render_form(request, self.get_form(page=self, user=request.user))
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if honeypot_filled(form):
            logger.info("Lead form %s: a submission filled the honeypot and was dropped.", self.pk)
            return self.render_landing_page(request)
        if ratelimit.ip_exceeded(request):
            return self.render_rate_limited(request, form)
        if not form.is_valid():
            return self.render_invalid(request, form)
        if ratelimit.email_exceeded(self.submitted_email(form)):
            return self.render_rate_limited(request, form)
        try:
            submission = self.process_form_submission(form)
        except SubmissionNotStored:
            return self.render_form(request, form, status=503, not_stored=True)
        return self.render_landing_page(request, submission, reply_by=self.reply_channel(form))

    def serve_form_again(self, request):
        """The form bound to what was sent, unprocessed: for a submission refused unread."""
        form = self.get_form(request.POST, page=self, user=request.user)
        response = self.render_form(request, form, status=403, session_expired=True)
        patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response

    def render_form(self, request, form, status=200, **flags):
        context = self.get_context(request)
        context.update(flags)
        context["form"] = form
        context["honeypot_field"] = HONEYPOT_FIELD
        context["choose_files_again"] = form.is_bound and self.has_upload
        context["error_summary"] = error_summary(form) if form.is_bound else []
        describe_fields(form, context["choose_files_again"])
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def render_invalid(self, request, form):
        """The form with its errors: a 503 when the virus scanner could not check a file.

        Nothing was stored then, because of our outage rather than what was typed,
        and a 200 would tell the visitor's browser and our monitoring that all went well.
        """
        if not any(form.has_error(name, "scan_unavailable") for name in self.upload_field_names):
            return self.render_form(request, form)
        response = self.render_form(request, form, status=503)
        response["Retry-After"] = str(SCANNER_RETRY_AFTER_SECONDS)
        return response

    def render_landing_page(self, request, form_submission=None, *args, reply_by="", **kwargs):
        """The thank-you page; reply_by says how the team will answer ("phone", "email" or "").

        It is rendered in answer to the POST itself, so nothing the visitor sent reaches a URL.
        """
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        response.context_data["reply_by"] = reply_by
        return response

    def reply_channel(self, form):
        """A call when the visitor gave a phone number, else an email when they gave an address."""
        given = set()
        for field in self.get_form_fields():
            if form.cleaned_data.get(field.clean_name):
                given.update({field.autocomplete, field.field_type})
        if "tel" in given:
            return "phone"
        if "email" in given:
            return "email"
        return ""

    @cached_property
    def clinic_finder(self):
        """The clinics' page with the finder, in this form's language, in this form's site."""
        from locations.models import LocationIndexPage

        if not self.path:  # a new page, previewed before its first save
            return None
        finders = LocationIndexPage.objects.live().filter(locale_id=self.locale_id)
        for finder in finders.order_by("-depth"):
            if self.path.startswith(finder.path[: -finder.steplen]):
                return finder
        return None

    def render_rate_limited(self, request, form):
        logger.warning("Lead form %s: a submission was refused by the rate limit.", self.pk)
        response = self.render_form(request, form, status=429, rate_limited=True)
        response["Retry-After"] = str(settings.LEADS_RATE_LIMIT_WINDOW)
        return response

    def submitted_email(self, form):
        for field in self.get_form_fields():
            if field.field_type == "email" and form.cleaned_data.get(field.clean_name):
                return form.cleaned_data[field.clean_name]
        return ""

    # --- Storing ----------------------------------------------------------------

    @sensitive_variables()
    def process_form_submission(self, form):
        """Store the submission and its files together, then send the notification.

        The database rows are written in one transaction; files written before a
        failure are deleted again, so a failure leaves nothing behind. The
        notification comes after the commit and its failure loses nothing.
        """
        files = uploaded_files(form)
        names = self.field_names
        data = {name: value for name, value in form.cleaned_data.items() if name in names}
        for name, uploaded in files:
            data[name] = uploaded.name
        written = []
        try:
            with transaction.atomic():
                submission = LeadSubmission.objects.create(page=self, form_data=data)
                for name, uploaded in files:
                    LeadUpload.store(submission, name, uploaded, written)
        except Exception as error:
            storage = private_storage()
            for stored_name in written:
                storage.delete(stored_name)
            logger.error(
                "Lead form %s: a submission could not be stored (%s); nothing was kept.",
                self.pk,
                type(error).__name__,
            )
            raise SubmissionNotStored from error
        notifications.notify_new_submission(self, submission)
        return submission

    @property
    def field_names(self):
        return {field.clean_name for field in self.get_form_fields()}

    def send_mail(self, form):
        raise NotImplementedError("Lead forms never mail submitted values; see notifications.py.")


class LeadSubmission(AbstractFormSubmission):
    """One visitor's submission; its values are one encrypted token in the database.

    Its status and assignee are the lead team's work on it, in clear: they say
    nothing about the patient.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        SCHEDULED = "scheduled", _("Scheduled")
        CLOSED = "closed", _("Closed")
        NOT_A_FIT = "not_a_fit", _("Not a fit")

    form_data = EncryptedJSONField()
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_leads",
        verbose_name=_("assigned to"),
    )

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("lead submission")
        verbose_name_plural = _("lead submissions")
        indexes = [
            models.Index(fields=["page", "submit_time"]),
            models.Index(fields=["page", "status"]),
        ]

    def __str__(self):
        # Never the values: this string can end up in logs and admin messages.
        return f"Submission {self.pk}"


class LeadUpload(models.Model):
    """A file sent with a submission, encrypted in the private storage."""

    submission = models.ForeignKey(LeadSubmission, on_delete=models.CASCADE, related_name="uploads")
    field_name = models.CharField(max_length=255)
    original_name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    stored_name = models.CharField(max_length=255, unique=True)

    def __str__(self):
        return f"Upload {self.pk}"

    @classmethod
    @sensitive_variables()
    def store(cls, submission, field_name, uploaded, written):
        """Encrypt and save the file, then its row; appends the stored name to written."""
        plaintext = b"".join(uploaded.chunks())
        stored_name = private_storage().save(
            f"{submission.page_id}/{uuid.uuid4().hex}.bin", ContentFile(crypto.encrypt(plaintext))
        )
        written.append(stored_name)
        return cls.objects.create(
            submission=submission,
            field_name=field_name,
            original_name=uploaded.name,
            content_type=uploaded.sniffed_content_type,
            size=len(plaintext),
            stored_name=stored_name,
        )

    def read(self):
        with private_storage().open(self.stored_name, "rb") as stored:
            return crypto.decrypt(stored.read())


class LeadNote(models.Model):
    """A lead manager's note on a submission: health information, so encrypted like it."""

    submission = models.ForeignKey(LeadSubmission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the author's account is deleted.
    author_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("lead note")

    def __str__(self):
        # Never the text: this string can end up in logs and admin messages.
        return f"Note {self.pk}"


class LeadAccess(models.Model):
    """Makes a group lead managers: for every form, or for the forms of one clinic."""

    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="lead_access")
    location = models.ForeignKey(
        "locations.LocationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("clinic"),
        help_text=_("Leave empty to give this group the submissions of every form."),
    )

    panels = [FieldPanel("group"), FieldPanel("location")]

    class Meta:
        verbose_name = _("lead manager access")
        verbose_name_plural = _("lead manager access")
        constraints = [
            models.UniqueConstraint(fields=["group", "location"], name="unique_lead_access")
        ]

    def __str__(self):
        where = self.location.title if self.location_id else _("all forms")
        return f"{self.group.name}: {where}"


class LeadDigestSent(models.Model):
    """That a group's daily digest went out on a day, so a second run that day sends nothing."""

    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lead digest sent")
        constraints = [
            models.UniqueConstraint(fields=["group", "day"], name="one_lead_digest_per_group_a_day")
        ]

    def __str__(self):
        return f"{self.group_id} {self.day}"


class SubmissionAccessLog(models.Model):
    """Who read, exported, downloaded, deleted or re-encrypted which submissions, and when;
    who was given or lost access to them; who attached or downloaded which patient's signed
    consent form (the detail names its authorization). Never what any of them hold."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        DOWNLOAD = "download", _("Downloaded a file")
        DOWNLOAD_FAILED = "download_failed", _("Tried to download a file (failed)")
        EXPORT = "export", _("Exported (CSV)")
        DELETE = "delete", _("Deleted")
        PURGE = "purge", _("Purged (retention)")
        ROTATE = "rotate", _("Re-encrypted (key rotation)")
        GRANT = "grant", _("Granted lead access")
        REVOKE = "revoke", _("Revoked lead access")
        STATUS = "status", _("Changed the status")
        ASSIGN = "assign", _("Changed the assignee")
        NOTE = "note", _("Added a note")
        CONSENT_ATTACH = "consent_attach", _("Attached a signed consent form")
        CONSENT_READ = "consent_read", _("Downloaded a signed consent form")
        CONSENT_READ_FAILED = (
            "consent_read_failed",
            _("Tried to download a signed consent form (failed)"),
        )

    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the user account is deleted.
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    submission_ids = models.JSONField(default=list)
    # Where the request came from; empty for commands run on the server.
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=audit.USER_AGENT_MAX_LENGTH, blank=True)
    # What changed for grants, commands and a lead's handling: names of users, groups,
    # permissions and statuses only, never a note's text.
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-timestamp"]
        verbose_name = _("submission access log entry")
        verbose_name_plural = _("submission access log")

    def __str__(self):
        return f"{self.username or '-'} {self.action} {self.timestamp:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, user, action, page, submission_ids, detail=""):
        """Log one action; the request being answered, if any, gives its address and browser."""
        request = audit.current_request()
        return cls.objects.create(
            user=user if user and user.is_authenticated else None,
            username=user.get_username() if user and user.is_authenticated else "",
            action=action,
            page=page,
            submission_ids=sorted(submission_ids),
            ip_address=audit.client_address(request),
            user_agent=audit.user_agent(request),
            detail=detail[: cls._meta.get_field("detail").max_length],
        )
