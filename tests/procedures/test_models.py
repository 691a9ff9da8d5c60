"""Relations entered once and derived on the other side."""

import pytest

from locations.factories import LocationPageFactory
from locations.models import LocationService
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedureCondition
from tests.builders import a_site

pytestmark = pytest.mark.django_db


class TestDerivedRelations:
    def test_condition_lists_the_procedures_that_link_to_it(self):
        site = a_site()
        condition = ConditionPageFactory(parent=site.conditions)
        procedure = ProcedurePageFactory(parent=site.procedures)
        assert list(condition.listed_procedures()) == []
        ProcedureCondition.objects.create(page=procedure, condition=condition)
        assert list(condition.listed_procedures()) == [procedure]
        assert list(procedure.listed_conditions()) == [condition]

    def test_procedure_lists_the_locations_that_offer_it(self):
        site = a_site()
        procedure = ProcedurePageFactory(parent=site.procedures)
        location = LocationPageFactory(parent=site.locations)
        assert list(procedure.listed_locations()) == []
        LocationService.objects.create(page=location, procedure=procedure)
        assert list(procedure.listed_locations()) == [location]
        assert procedure in location.listed_procedures()
