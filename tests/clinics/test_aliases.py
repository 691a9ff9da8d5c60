"""Shared content is written once: the affiliate site shows aliases that follow the original."""

import pytest
from wagtail.models import Site

from procedures.models import ConditionPage, ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

AFFILIATE = "affiliate.localhost"


def affiliate_alias(original):
    root = Site.objects.get(hostname=AFFILIATE).root_page
    return type(original).objects.descendant_of(root).get(alias_of=original)


def test_every_shared_page_has_one_alias_on_the_affiliate_site():
    root = Site.objects.get(hostname=AFFILIATE).root_page
    for model in (ProcedurePage, ConditionPage):
        # The affiliate site is in English: it shows the English originals.
        originals = model.objects.filter(alias_of=None, locale=root.locale)
        aliases = model.objects.descendant_of(root)
        assert sorted(a.alias_of_id for a in aliases) == sorted(o.pk for o in originals)


def test_an_alias_follows_its_original_when_it_is_published(client):
    original = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    original.title = "Microdiscectomy (updated)"
    original.summary = "A newly reviewed summary."
    original.save_revision().publish()

    alias = affiliate_alias(original)
    assert alias.title == "Microdiscectomy (updated)"
    assert alias.summary == "A newly reviewed summary."
    response = client.get("/procedures/microdiscectomy/", headers={"host": AFFILIATE})
    assert response.status_code == 200
    assert "Microdiscectomy (updated)" in response.content.decode()


def test_a_draft_of_the_original_does_not_reach_the_alias():
    original = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    original.title = "Unreviewed draft title"
    original.save_revision()
    assert affiliate_alias(original).title != "Unreviewed draft title"


def test_a_condition_lists_each_treating_procedure_once_on_both_sites(client):
    original = ConditionPage.objects.get(slug="spinal-stenosis", alias_of=None)
    expected = [page.title for page in original.listed_procedures()]
    assert expected and len(expected) == len(set(expected))
    assert [page.title for page in affiliate_alias(original).listed_procedures()] == expected
