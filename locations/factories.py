from decimal import Decimal

import factory
import wagtail_factories

from locations.models import LocationIndexPage, LocationPage


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Locations"
    show_in_menus = True
    slug = "locations"

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
