"""Shared content is written once: the affiliate site shows aliases that follow the original."""

import pytest

from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from tests.builders import a_site, an_affiliate_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    """A network site's procedures and conditions, and an affiliate site of their aliases."""
    network = a_site()
    stenosis = ConditionPageFactory(
        parent=network.conditions, title="Spinal stenosis", slug="spinal-stenosis"
    )
    for title, slug in [("Microdiscectomy", "microdiscectomy"), ("Laminectomy", "laminectomy")]:
        procedure = ProcedurePageFactory(parent=network.procedures, title=title, slug=slug)
        ProcedureCondition.objects.create(page=procedure, condition=stenosis)
    return network, an_affiliate_of(network)


def alias_on(affiliate, original):
    return type(original).objects.descendant_of(affiliate.home).get(alias_of=original)


def test_an_alias_follows_its_original_when_it_is_published(client, shared):
    network, affiliate = shared
    original = ProcedurePage.objects.child_of(network.procedures).get(slug="microdiscectomy")
    original.title = "Microdiscectomy (updated)"
    original.summary = "A newly reviewed summary."
    original.save_revision().publish()

    alias = alias_on(affiliate, original)
    assert alias.title == "Microdiscectomy (updated)"
    assert alias.summary == "A newly reviewed summary."
    response = client.get("/procedures/microdiscectomy/", headers=affiliate.headers)
    assert response.status_code == 200
    assert "Microdiscectomy (updated)" in response.content.decode()


def test_a_draft_of_the_original_does_not_reach_the_alias(shared):
    network, affiliate = shared
    original = ProcedurePage.objects.child_of(network.procedures).get(slug="microdiscectomy")
    original.title = "Unreviewed draft title"
    original.save_revision()
    assert alias_on(affiliate, original).title == "Microdiscectomy"


def test_a_condition_lists_each_treating_procedure_once_on_both_sites(shared):
    network, affiliate = shared
    original = ConditionPage.objects.child_of(network.conditions).get(slug="spinal-stenosis")
    expected = [page.title for page in original.listed_procedures()]
    assert sorted(expected) == ["Laminectomy", "Microdiscectomy"]
    assert [page.title for page in alias_on(affiliate, original).listed_procedures()] == expected
