"""Credentialed medical review: the workflow task a licensed physician approves, and the
record each approval leaves (docs/governance.md, "Credentialed medical review").

``people.models`` imports this module so that Django finds its models; it therefore
reaches physicians through the user's ``physicians`` and pages by duck typing (any page
with ``MedicalReviewMixin``) rather than by importing ``people.models``.
"""

import hashlib
import json

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import Task, TaskState

ATTESTATION = _(
    "I have reviewed this content for clinical accuracy and stand behind it as a "
    "licensed physician."
)

NOT_CREDENTIALED = "Only a credentialed physician may approve a medical review."
NOT_ATTESTED = "Approving a medical review needs the physician's attestation."


class ReviewStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    CHANGED = "changed", _("Changed since review")
    OVERDUE = "overdue", _("Overdue")


def add_months(date, months):
    """``date`` moved ``months`` on, kept within the month (31 January + 1 is 28/29 February)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    for day in range(date.day, 27, -1):
        try:
            return date.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return date.replace(year=year, month=month, day=min(date.day, 28))


def reviewed_content_digest(page_class, content):
    """A fingerprint of what a review vouches for in a revision's content: the page type's
    ``medically_reviewed_fields`` and regulated fields. Equal digests, same reviewed text."""
    names = sorted(
        {*page_class.medically_reviewed_fields, *getattr(page_class, "regulated_fields", ())}
    )
    reviewed = {name: content.get(name) for name in names}
    return hashlib.sha256(
        json.dumps(reviewed, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


def credentialed_physician(user, page=None):
    """The user's physician record that may approve, in the page's language when there is one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    physicians = [physician for physician in user.physicians.all() if physician.is_credentialed]
    if page is not None:
        physicians.sort(key=lambda physician: physician.locale_id != page.locale_id)
    return physicians[0] if physicians else None


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Medical review records cannot be changed.")

    def delete(self):
        raise PermissionDenied("Medical review records cannot be deleted.")


class MedicalReviewRecord(models.Model):
    """One approval of a page's medical content: who, which revision, when, what they attested.

    Written once and never changed or deleted (the model and its queryset refuse it, and the
    admin has no form for it): it is the evidence behind "Medically reviewed by … on …".
    What it names is copied too, so the record still reads true when the page, revision,
    account or physician is later deleted.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    physician = models.ForeignKey(
        "people.Physician", null=True, on_delete=models.SET_NULL, related_name="review_records"
    )
    physician_name = models.CharField(max_length=120)
    physician_npi = models.CharField(max_length=10, verbose_name=_("NPI"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    reviewed_on = models.DateField()
    next_review = models.DateField()
    attestation = models.TextField()
    content_digest = models.CharField(max_length=64)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("medical review record")
        ordering = ["-reviewed_at"]
        get_latest_by = "reviewed_at"

    def __str__(self):
        return f"{self.page_title}: {self.physician_name}, {self.reviewed_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("Medical review records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Medical review records cannot be deleted.")


@transaction.atomic
def record_review(page, physician, *, user=None, revision=None, reviewed_on=None):
    """Record ``physician``'s approval of ``revision`` (the page's latest by default) and set
    the page's reviewer and dates from it; the only way those fields change.

    The rows of the page and its aliases are updated with ``save(update_fields=…)``, so the
    content generation moves (render cache) as for any save; publishing keeps the fields
    (``MedicalReviewMixin.with_content_json``).
    """
    page = page.specific
    revision = revision or page.get_latest_revision()
    reviewed_on = reviewed_on or timezone.localdate()
    next_review = add_months(reviewed_on, page.medical_review_interval_months)
    digest = reviewed_content_digest(type(page), revision.content if revision else {})
    record = MedicalReviewRecord.objects.create(
        page=page,
        page_title=page.title,
        revision=revision,
        physician=physician,
        physician_name=physician.name,
        physician_npi=physician.npi,
        user=user,
        reviewed_on=reviewed_on,
        next_review=next_review,
        attestation=str(ATTESTATION),
        content_digest=digest,
    )
    # Aliases show their original's content, and so its review, at once.
    for reviewed in [page, *type(page).objects.filter(alias_of=page)]:
        reviewed.medical_reviewer = physician
        reviewed.last_reviewed = reviewed_on
        reviewed.next_review = next_review
        reviewed.medical_review_digest = digest
        reviewed.medical_review_changed = False
        reviewed.save(update_fields=reviewed.MEDICAL_REVIEW_FIELDS, clean=False)
    return record


class MedicalReviewApprovalForm(TaskStateCommentForm):
    attestation = forms.BooleanField(
        required=True,
        label=ATTESTATION,
        error_messages={"required": _("Approving a medical review needs your attestation.")},
    )
    field_order = ["attestation", "comment"]


class MedicalReviewTask(Task):
    """A workflow step only a credentialed physician can approve, with an attestation.

    Approvers are the users linked to a physician with a valid NPI and an unexpired licence
    (Snippets → Physicians, "Credentials for medical review"); there are no groups to choose.
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("Medical review")
        verbose_name_plural = _("Medical reviews")

    @classmethod
    def get_description(cls):
        return _(
            "A physician with a valid NPI and a current licence, linked to their account, "
            "approves the page's medical content with an attestation"
        )

    def can_review(self, user, obj=None):
        return credentialed_physician(user, obj) is not None

    def user_can_access_editor(self, obj, user):
        return self.can_review(user, obj)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self.can_review(user, obj))

    def user_can_lock(self, obj, user):
        return self.can_review(user, obj)

    def get_actions(self, obj, user):
        if not self.can_review(user, obj):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve medical review"), True),
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            return MedicalReviewApprovalForm
        return super().get_form_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.can_review(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Approval records the review first, so the publication that may follow keeps it.

        Checked here and not only in the form: the page editor's "approve" passes the
        modal's data straight to this method.
        """
        if action_name == "approve":
            page = task_state.workflow_state.content_object.specific
            physician = credentialed_physician(user, page)
            if physician is None:
                raise PermissionDenied(NOT_CREDENTIALED)
            if kwargs.pop("attestation", None) is not True:
                raise PermissionDenied(NOT_ATTESTED)
            record_review(page, physician, user=user)
        return super().on_action(task_state, user, action_name, **kwargs)
