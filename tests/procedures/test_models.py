"""Relations entered once and derived on the other side."""

import pytest

from locations.models import LocationPage, LocationService
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionIndexPage, ProcedureCondition, ProcedureIndexPage
from tests.helpers import default_site

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


class TestDerivedRelations:
    def test_condition_lists_the_procedures_that_link_to_it(self):
        condition = ConditionPageFactory(
            parent=ConditionIndexPage.objects.in_site(default_site()).get(
                locale__language_code="en"
            )
        )
        procedure = ProcedurePageFactory(
            parent=ProcedureIndexPage.objects.in_site(default_site()).get(
                locale__language_code="en"
            )
        )
        assert list(condition.listed_procedures()) == []
        ProcedureCondition.objects.create(page=procedure, condition=condition)
        assert list(condition.listed_procedures()) == [procedure]
        assert list(procedure.listed_conditions()) == [condition]

    def test_procedure_lists_the_locations_that_offer_it(self):
        procedure = ProcedurePageFactory(
            parent=ProcedureIndexPage.objects.in_site(default_site()).get(
                locale__language_code="en"
            )
        )
        location = LocationPage.objects.live().first()
        LocationService.objects.create(page=location, procedure=procedure)
        assert list(procedure.listed_locations()) == [location]
        assert procedure in location.listed_procedures()
