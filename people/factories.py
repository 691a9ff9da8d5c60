import datetime

import factory

from core.validators import NPI_ISSUER_PREFIX, luhn_check_digit
from people.models import Physician, Testimonial


def valid_npi(n):
    identifier = f"1{n:08d}"
    return identifier + str(luhn_check_digit(NPI_ISSUER_PREFIX + identifier))


class PhysicianFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr. Test {n}")
    credentials = "MD"
    specialties = "Spine surgery, Pain management"
    npi = factory.Sequence(valid_npi)

    class Meta:
        model = Physician


class TestimonialFactory(factory.django.DjangoModelFactory):
    display_name = factory.Sequence(lambda n: f"Patient {n}.")
    headline_quote = "I can walk my dog again."
    consent_on_file = factory.LazyFunction(datetime.date.today)
    live = True

    class Meta:
        model = Testimonial
