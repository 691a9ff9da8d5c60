"""A location's opening hours: what editors may enter."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from locations.models import LocationHours
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db


class TestOpeningHours:
    def test_open_day_needs_both_times_in_order(self):
        with pytest.raises(ValidationError) as excinfo:
            LocationHours(weekday=0, opens=datetime.time(9)).clean()
        assert error_fields(excinfo) == {"closes"}
        with pytest.raises(ValidationError) as excinfo:
            LocationHours(weekday=0, opens=datetime.time(17), closes=datetime.time(9)).clean()
        assert error_fields(excinfo) == {"closes"}

    def test_closed_day_has_no_times(self):
        LocationHours(weekday=6, closed=True).clean()
        with pytest.raises(ValidationError):
            LocationHours(weekday=6, closed=True, opens=datetime.time(9)).clean()
