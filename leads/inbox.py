"""The lead inbox: a submission's status, assignee and notes, and the contact details the
admin shows as links. Changes are logged by what changed, never with a note's text."""

import re
from urllib.parse import quote

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from leads.models import LeadNote, LeadSubmission, SubmissionAccessLog
from leads.permissions import managers_of

Action = SubmissionAccessLog.Action
NAME_FIELDS = ("name",)
NAME_PARTS = ("given-name", "family-name")
# Forms built before fields said what they ask for name them like this.
FALLBACK_NAMES = {"name": ("full_name", "name"), "email": ("email",), "tel": ("phone",)}


def person_label(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class LeadHandlingForm(forms.ModelForm):
    class Meta:
        model = LeadSubmission
        fields = ["status", "assignee"]

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        # Only someone who may read the lead can be given it.
        assignee.queryset = managers_of(page)
        assignee.empty_label = _("Nobody")
        assignee.label_from_instance = person_label


class LeadNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Notes are stored encrypted and shown only to this form's lead managers."),
    )


def save_handling(submission, before, user, page):
    """Save the status and assignee set on submission; log each change against before."""
    old_status, old_assignee = before
    with transaction.atomic():
        # Only these columns: saving form_data would re-encrypt it for nothing.
        submission.save(update_fields=["status", "assignee"])
        if submission.status != old_status:
            SubmissionAccessLog.record(
                user,
                Action.STATUS,
                page,
                [submission.pk],
                detail=f"{old_status} → {submission.status}",
            )
        if submission.assignee_id != (old_assignee.pk if old_assignee else None):
            SubmissionAccessLog.record(
                user,
                Action.ASSIGN,
                page,
                [submission.pk],
                detail=f"{_username(old_assignee)} → {_username(submission.assignee)}",
            )


def _username(user):
    return user.get_username() if user is not None else "—"


@sensitive_variables("text")
def add_note(submission, text, user, page):
    with transaction.atomic():
        note = LeadNote.objects.create(
            submission=submission, author=user, author_name=user.get_username(), text=text
        )
        SubmissionAccessLog.record(
            user, Action.NOTE, page, [submission.pk], detail=f"note {note.pk}"
        )
    return note


# --- What the list and the detail show of the values ------------------------------


def contact_fields(page):
    """The names under which this form keeps the submitter's name, email and phone."""
    fields = list(page.get_form_fields())
    asks = {field.autocomplete: field.clean_name for field in fields if field.autocomplete}
    names = {field.clean_name for field in fields}
    found = {}
    if NAME_FIELDS[0] in asks:
        found["name"] = (asks["name"],)
    elif all(part in asks for part in NAME_PARTS):
        found["name"] = tuple(asks[part] for part in NAME_PARTS)
    if "email" in asks:
        found["email"] = (asks["email"],)
    else:
        emails = [field.clean_name for field in fields if field.field_type == "email"]
        found.update({"email": (emails[0],)} if emails else {})
    if "tel" in asks:
        found["tel"] = (asks["tel"],)
    for role, fallbacks in FALLBACK_NAMES.items():
        if role not in found:
            matches = [name for name in fallbacks if name in names]
            found.update({role: (matches[0],)} if matches else {})
    return found


@sensitive_variables()
def submitter_name(contacts, data):
    parts = [str(data.get(name) or "").strip() for name in contacts.get("name", ())]
    return " ".join(part for part in parts if part)


def tel_href(value):
    """A dialable tel: address: the digits and a leading plus, nothing else."""
    digits = re.sub(r"[^\d+]", "", str(value))
    return "tel:" + (digits[0] + digits[1:].replace("+", "") if digits else "")


@sensitive_variables()
def linked_values(page, data):
    """(label, value, href) for each answer: email and phone answers get mailto: and tel:."""
    contacts = contact_fields(page)
    kinds = {contacts[role][0]: role for role in ("email", "tel") if role in contacts}
    rows = []
    for name, label in page.get_data_fields():
        if name not in data:
            continue
        value = data.get(name)
        href = None
        if value and kinds.get(name) == "email":
            href = "mailto:" + quote(str(value), safe="@")
        elif value and kinds.get(name) == "tel":
            href = tel_href(value)
        rows.append((label, value, href))
    return rows
