"""The admin's choosers for relations open on the edited page's site and language and offer
only pages it may relate to: no other brand's page, no other language's, no alias."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from procedures.models import ConditionIndexPage, ConditionPage, ProcedurePage
from tests.helpers import default_site

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

CHOOSER_INIT = re.compile(r'new RelatedPageChooser\("[^"]*", (\{.*?\})\);</script>')


@pytest.fixture
def microdiscectomy():
    return ProcedurePage.objects.get(
        slug="microdiscectomy", locale__language_code="en", alias_of=None
    )


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
    admin_client, microdiscectomy
):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[microdiscectomy.pk]))

    options = chooser_options(response)
    assert options, "the procedure editor shows no relation chooser"
    network_conditions = ConditionIndexPage.objects.in_site(default_site()).get(
        locale__language_code="en"
    )
    assert {option["relatedTo"] for option in options} == {microdiscectomy.pk}
    assert {option["parentId"] for option in options} == {network_conditions.pk}


def test_searching_the_chooser_finds_only_this_sites_page(admin_client, microdiscectomy):
    # Without the relation's scope, Wagtail finds the network's page and the affiliate's alias.
    assert len(search_conditions(admin_client, "Herniated")) == 2

    found = search_conditions(admin_client, "Herniated", related_to=microdiscectomy.pk)

    assert [page.pk for page in found] == [
        ConditionPage.objects.get(
            slug="herniated-disc", alias_of=None, locale__language_code="en"
        ).pk
    ]


def test_browsing_the_chooser_never_reaches_the_other_brand(admin_client, microdiscectomy):
    root = default_site().root_page.get_parent()
    response = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[root.pk]),
        {"page_type": "procedures.conditionpage", "related_to": microdiscectomy.pk},
    )

    offered = {page.pk for page in response.context["table"].data}
    affiliate_home = Site.objects.get(hostname="affiliate.localhost").root_page
    assert default_site().root_page.pk in offered
    assert affiliate_home.pk not in offered


def test_a_spanish_page_chooses_among_spanish_pages(admin_client, microdiscectomy):
    spanish_conditions = ConditionIndexPage.objects.get(locale__language_code="es")
    spanish_procedure = ProcedurePage.objects.filter(locale__language_code="es").first()

    found = search_conditions(admin_client, "", related_to=spanish_procedure.pk)
    browse = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[spanish_conditions.pk]),
        {"page_type": "procedures.conditionpage", "related_to": spanish_procedure.pk},
    )

    assert found == []  # an empty search finds nothing, as in Wagtail
    offered = [page for page in browse.context["table"].data if page.pk != spanish_conditions.pk]
    assert offered and {page.locale.language_code for page in offered} == {"es"}
