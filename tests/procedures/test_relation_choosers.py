"""The admin's choosers for relations open on the edited page's site and language and offer
only pages it may relate to: no other brand's page, no other language's, no alias."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.builders import a_translation
from tests.procedures.helpers import CONDITION_WORD, a_treatment_shared_with_an_affiliate

pytestmark = pytest.mark.django_db

CHOOSER_INIT = re.compile(r'new RelatedPageChooser\("[^"]*", (\{.*?\})\);</script>')


@pytest.fixture
def shared():
    return a_treatment_shared_with_an_affiliate()


def chooser_options(response):
    """The options of each relation chooser the editor renders (its inline rows' included)."""
    html = response.content.decode()
    return [json.loads(options) for options in CHOOSER_INIT.findall(html)]


def search_conditions(client, query, **params):
    response = client.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": query, "page_type": "procedures.conditionpage", **params},
    )
    assert response.status_code == 200
    return list(response.context["pages"])


def test_the_condition_chooser_opens_at_the_sites_conditions_in_the_pages_language(
    admin_client, shared
):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[shared.procedure.pk]))

    options = chooser_options(response)
    assert options, "the procedure editor shows no relation chooser"
    assert {option["relatedTo"] for option in options} == {shared.procedure.pk}
    assert {option["parentId"] for option in options} == {shared.network.conditions.pk}


def test_searching_the_chooser_finds_only_this_sites_page(admin_client, shared):
    # Without the relation's scope, Wagtail finds the network's page and the affiliate's alias.
    assert len(search_conditions(admin_client, CONDITION_WORD)) == 2

    found = search_conditions(admin_client, CONDITION_WORD, related_to=shared.procedure.pk)

    assert [page.pk for page in found] == [shared.condition.pk]


def test_browsing_the_chooser_never_reaches_the_other_brand(admin_client, shared):
    root = Page.get_first_root_node()
    response = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[root.pk]),
        {"page_type": "procedures.conditionpage", "related_to": shared.procedure.pk},
    )

    offered = {page.pk for page in response.context["table"].data}
    assert shared.network.home.pk in offered
    assert shared.affiliate.home.pk not in offered


def test_a_spanish_page_chooses_among_spanish_pages(admin_client, shared):
    spanish_conditions = shared.network.in_spanish().conditions
    a_translation(shared.condition)
    spanish_procedure = a_translation(shared.procedure)

    found = search_conditions(admin_client, "", related_to=spanish_procedure.pk)
    browse = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[spanish_conditions.pk]),
        {"page_type": "procedures.conditionpage", "related_to": spanish_procedure.pk},
    )

    assert found == []  # an empty search finds nothing, as in Wagtail
    offered = [page for page in browse.context["table"].data if page.pk != spanish_conditions.pk]
    assert offered and {page.locale.language_code for page in offered} == {"es"}
