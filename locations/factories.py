from decimal import Decimal

import factory
import wagtail_factories

from core.validators import NPI_ISSUER_PREFIX, luhn_check_digit
from locations.models import LocationIndexPage, LocationPage, Physician


def valid_npi(n):
    identifier = f"1{n:08d}"
    return identifier + str(luhn_check_digit(NPI_ISSUER_PREFIX + identifier))


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Locations"

    class Meta:
        model = LocationIndexPage


class LocationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Clinic {n}")
    summary = "Our outpatient spine clinic."
    street_address = "100 Main Street"
    city = "Dallas"
    state = "TX"
    zip_code = "75201"
    latitude = Decimal("32.787600")
    longitude = Decimal("-96.798900")
    main_phone = "+12142200100"

    class Meta:
        model = LocationPage


class PhysicianFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr. Test {n}")
    credentials = "MD"
    specialties = "Spine surgery, Pain management"
    npi = factory.Sequence(valid_npi)

    class Meta:
        model = Physician
