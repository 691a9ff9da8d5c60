"""Each page type says where it may live; a parent holds the types that name it.

No parent lists its children (no subpage_types), so a new page type joins a
parent by naming it in its own parent_page_types.
"""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from clinics.models import LocalProcedurePage
from home.models import HomePage
from leads.models import LeadFormPage
from locations.models import LocationIndexPage, LocationPage
from procedures.models import ConditionIndexPage, ConditionPage, ProcedureIndexPage, ProcedurePage
from tests.helpers import suite_only_page_models

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def children_editors_may_add(parent_model):
    """The project's page types an editor may add under a page of parent_model.

    Wagtail's base Page, allowed everywhere, is never created; the test suite's
    own page types (tests/pagetypes) prove elsewhere that they join their parent.
    """
    return set(parent_model.creatable_subpage_models()) - set(suite_only_page_models())


@pytest.mark.parametrize(
    "page_type",
    [model for model in get_page_models() if model.is_creatable],
    ids=lambda model: model._meta.label,
)
def test_every_page_type_that_editors_create_names_its_parents(page_type):
    # Without parent_page_types a type could be added under any page, even a procedure.
    assert page_type.parent_page_types, f"{page_type._meta.label} names no parent page types"
    assert page_type.allowed_parent_page_models()


class TestPageTree(WagtailPageTestCase):
    def test_home_page_lives_only_at_a_site_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        home = HomePage.objects.first()
        self.assertFalse(HomePage.can_create_at(home))

    def test_home_page_holds_the_three_indexes_and_lead_forms(self):
        self.assertEqual(
            children_editors_may_add(HomePage),
            {ProcedureIndexPage, ConditionIndexPage, LocationIndexPage, LeadFormPage},
        )

    def test_indexes_hold_only_their_own_pages(self):
        self.assertEqual(children_editors_may_add(ProcedureIndexPage), {ProcedurePage})
        self.assertEqual(children_editors_may_add(ConditionIndexPage), {ConditionPage})
        self.assertEqual(children_editors_may_add(LocationIndexPage), {LocationPage})

    def test_detail_pages_live_under_their_index_and_locations_hold_their_local_pages(self):
        for index_model, page_model, children in [
            (ProcedureIndexPage, ProcedurePage, set()),
            (ConditionIndexPage, ConditionPage, set()),
            (LocationIndexPage, LocationPage, {LocalProcedurePage, LeadFormPage}),
        ]:
            self.assertAllowedParentPageTypes(page_model, {index_model})
            self.assertEqual(children_editors_may_add(page_model), children)
            self.assertAllowedParentPageTypes(index_model, {HomePage})

    def test_local_pages_and_lead_forms_hold_nothing(self):
        self.assertEqual(children_editors_may_add(LocalProcedurePage), set())
        self.assertEqual(children_editors_may_add(LeadFormPage), set())

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
