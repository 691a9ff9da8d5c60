"""How a phone number stored in E.164 is shown, on the site and in the API alike."""

import phonenumbers
from django.conf import settings


def display_phone(e164):
    """The national format for numbers in the default region, international otherwise."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, settings.PHONE_DEFAULT_REGION)
    region = phonenumbers.region_code_for_number(number)
    if region == settings.PHONE_DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
