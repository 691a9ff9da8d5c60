import datetime

import factory
from django.utils import timezone

from core.validators import NPI_ISSUER_PREFIX, luhn_check_digit
from people.consent import COMPLETE_FORM, TestimonialAuthorization
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

    class Params:
        # A licence valid for another year: the physician may approve medical reviews.
        licensed = factory.Trait(
            licence_state="TX",
            licence_number=factory.Sequence(lambda n: f"Q{n:05d}"),
            licence_expiry=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=365)
            ),
        )


class TestimonialAuthorizationFactory(factory.django.DjangoModelFactory):
    """A complete authorization, signed a month ago for a year, covering the site and
    partners for the quote."""

    signed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=335))
    covers_site = True
    covers_partners = True
    covers_quote = True

    class Meta:
        model = TestimonialAuthorization

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        return COMPLETE_FORM | kwargs


class TestimonialFactory(factory.django.DjangoModelFactory):
    """A published testimonial with an active authorization; ``authorized=False`` for none,
    ``authorized__<field>=...`` to shape it."""

    display_name = factory.Sequence(lambda n: f"Patient {n}.")
    headline_quote = "I can walk my dog again."
    live = True

    class Meta:
        model = Testimonial
        skip_postgeneration_save = True

    @factory.post_generation
    def authorized(testimonial, create, extracted, **fields):
        if create and extracted is not False:
            TestimonialAuthorizationFactory(testimonial=testimonial, **fields)
