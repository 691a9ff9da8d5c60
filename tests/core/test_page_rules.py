"""Each page type says where it may live and what it may hold."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from clinics.models import LocalProcedurePage
from home.models import HomePage
from leads.models import LeadFormPage
from locations.models import LocationIndexPage, LocationPage
from procedures.models import ConditionIndexPage, ConditionPage, ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_home_page_lives_only_at_a_site_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        home = HomePage.objects.first()
        self.assertFalse(HomePage.can_create_at(home))

    def test_home_page_holds_the_three_indexes_and_lead_forms(self):
        self.assertAllowedSubpageTypes(
            HomePage, {ProcedureIndexPage, ConditionIndexPage, LocationIndexPage, LeadFormPage}
        )

    def test_indexes_hold_only_their_own_pages(self):
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage})
        self.assertAllowedSubpageTypes(ConditionIndexPage, {ConditionPage})
        self.assertAllowedSubpageTypes(LocationIndexPage, {LocationPage})

    def test_detail_pages_live_under_their_index_and_locations_hold_their_local_pages(self):
        for index_model, page_model, children in [
            (ProcedureIndexPage, ProcedurePage, set()),
            (ConditionIndexPage, ConditionPage, set()),
            (LocationIndexPage, LocationPage, {LocalProcedurePage, LeadFormPage}),
        ]:
            self.assertAllowedParentPageTypes(page_model, {index_model})
            self.assertAllowedSubpageTypes(page_model, children)
            self.assertAllowedParentPageTypes(index_model, {HomePage})

    def test_a_home_page_has_at_most_one_index_of_each_kind(self):
        home = HomePage.objects.first()
        for index_model in (ProcedureIndexPage, ConditionIndexPage, LocationIndexPage):
            self.assertTrue(index_model.objects.child_of(home).exists())
            self.assertFalse(index_model.can_create_at(home))

    def test_wrong_parents_are_refused(self):
        procedures = ProcedureIndexPage.objects.first()
        self.assertCanNotCreateAt(ProcedureIndexPage, ConditionPage)
        self.assertCanNotCreateAt(ConditionIndexPage, ProcedurePage)
        self.assertCanNotCreateAt(HomePage, LocationPage)
        self.assertFalse(LocationPage.can_create_at(procedures))
