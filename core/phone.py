"""Phone numbers: stored in E.164, shown in the national format."""

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from serialization.phone import display_phone


def parse_phone(value):
    try:
        number = phonenumbers.parse(value, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("Enter a valid phone number."), code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number."), code="invalid_phone")
    return number


def to_e164(value):
    return phonenumbers.format_number(parse_phone(value), phonenumbers.PhoneNumberFormat.E164)


class PhoneInput(forms.TextInput):
    """Shows a stored E.164 number as editors write it: (877) 474-2225, not +18774742225."""

    def format_value(self, value):
        if value and value.startswith("+"):
            try:
                return display_phone(value)
            except phonenumbers.NumberParseException:
                return value
        return super().format_value(value)


class PhoneFormField(forms.CharField):
    """Compares numbers in E.164, so that a number shown nationally and saved unchanged
    is not an edit."""

    widget = PhoneInput

    def has_changed(self, initial, data):
        try:
            return to_e164(initial or "") != to_e164(data or "")
        except ValidationError:
            return super().has_changed(initial, data)


class PhoneNumberField(models.CharField):
    """A CharField that accepts common written forms and stores E.164."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text", _("Any common format, e.g. 877.474.2225 or +1 877 474 2225.")
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        return to_e164(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneFormField, **kwargs})
