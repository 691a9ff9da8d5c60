"""Form building for lead forms: the medical upload field, US phone numbers and a honeypot."""

import logging

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from leads.uploads import MedicalFileField

#: The field type of the medical file upload (LeadFormField.field_type).
UPLOAD_FIELD_TYPE = "upload"

#: Hidden from people (CSS and aria-hidden); bots that fill every field fill it.
HONEYPOT_FIELD = "homepage_url"

#: Our clinics call patients in the United States only.
PHONE_REGION = "US"

logger = logging.getLogger(__name__)


class TelInput(forms.TextInput):
    input_type = "tel"


class USPhoneField(forms.CharField):
    """A US phone number written any common way; cleaned to E.164, as core.phone stores numbers."""

    widget = TelInput
    default_error_messages = {
        "invalid_phone": _("Enter a US phone number, like (214) 555-0100."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        number = self.parse(value)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def parse(self, value):
        invalid = ValidationError(self.error_messages["invalid_phone"], code="invalid_phone")
        try:
            number = phonenumbers.parse(value, PHONE_REGION)
        except phonenumbers.NumberParseException as error:
            raise invalid from error
        if not phonenumbers.is_valid_number_for_region(number, PHONE_REGION):
            raise invalid
        return number


class LeadForm(BaseForm):
    """A lead form; it logs the files its upload fields refused after a virus check."""

    def clean(self):
        cleaned_data = super().clean()
        for name, errors in self.errors.as_data().items():
            for error in errors:
                self.log_scan_refusal(name, error)
        return cleaned_data

    def log_scan_refusal(self, field_name, error):
        # The form, the field and ClamAV's answer only: never the file, its name or the values.
        page_id = self.page.pk if self.page else None
        if error.code == "infected":
            logger.warning(
                "Lead form %s, field %s: a file was refused, the virus scanner found %s.",
                page_id,
                field_name,
                error.params["signature"],
            )
        elif error.code == "scan_unavailable":
            logger.error(
                "Lead form %s, field %s: the virus scanner could not check a file (%s); "
                "the submission was refused and nothing was stored.",
                page_id,
                field_name,
                error.params["reason"],
            )


class LeadFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("LeadForm", (LeadForm,), self.formfields)

    def create_upload_field(self, field, options):
        return MedicalFileField(**options)

    @property
    def formfields(self):
        fields = super().formfields
        for field in self.fields:
            purpose = getattr(field, "autocomplete", "")
            if not purpose:
                continue
            name = field.clean_name or field.get_field_clean_name()
            if purpose == "tel" and field.field_type == "singleline":
                fields[name] = USPhoneField(**self.get_field_options(field))
            fields[name].widget.attrs["autocomplete"] = purpose
        fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields


def honeypot_filled(form):
    return bool(form.data.get(HONEYPOT_FIELD, "").strip())


def uploaded_files(form):
    """(field name, file) of each file the visitor chose; needs a validated form."""
    return [
        (name, value)
        for name, value in form.cleaned_data.items()
        if isinstance(value, UploadedFile)
    ]


def describe_fields(form, choose_files_again=False):
    """Point each widget's aria-describedby at its help text, notices and errors."""
    for bound in form.visible_fields():
        ids = []
        if bound.help_text:
            ids.append(f"{bound.auto_id}_helptext")
        if choose_files_again and getattr(bound.field, "is_medical_upload", False):
            ids.append(f"{bound.auto_id}_again")
        if form.is_bound and bound.errors:
            ids.append(f"{bound.auto_id}_errors")
        if ids:
            bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


def error_summary(form):
    """What the visitor must correct, in the form's order: each field's label, its messages and
    the id of the input a link to it should reach (a choice list's first option)."""
    return [
        {
            "target": bound.id_for_label or f"{bound.auto_id}_0",
            "label": bound.label,
            "messages": list(bound.errors),
        }
        for bound in form.visible_fields()
        if bound.errors
    ]
