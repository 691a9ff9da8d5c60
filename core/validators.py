from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The NPI check digit is the Luhn digit of the nine identifier digits prefixed
# with the health-industry issuer number 80840.
NPI_ISSUER_PREFIX = "80840"


def luhn_check_digit(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def validate_npi(value):
    if len(value) != 10 or not value.isdigit():
        raise ValidationError(_("An NPI is exactly ten digits."), code="npi_format")
    if luhn_check_digit(NPI_ISSUER_PREFIX + value[:9]) != int(value[9]):
        raise ValidationError(
            _("This NPI's check digit is wrong; please check the number."), code="npi_check_digit"
        )
