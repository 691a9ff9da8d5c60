"""The phone-first header and the bottom action bar (#23 "Phone-first header", "sticky bottom
bar"): the markup every page type renders, in every language of the site.

The look at each width (the menu collapsed on a phone, the bar shown only there) is the
browser's to check: tests/e2e/test_phone_first_layout.py.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Page, get_page_models

from locations.models import LocationPage
from procedures.models import ConditionPage, ProcedurePage
from tests.builders import a_page_of_type_in
from tests.locations.helpers import a_finder_site

pytestmark = pytest.mark.django_db

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
PHONE = "+12145550100"
BAR_PAGE_TYPES = [model for model in PAGE_TYPES if getattr(model, "shows_action_bar", False)]


@pytest.fixture(params=LANGUAGES)
def site(request):
    return a_finder_site(request.param, PHONE)


def rendered(client, site, page_type):
    page = a_page_of_type_in(site.built, page_type)
    response = client.get(page.relative_url(site.built.site), headers=site.built.headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_has_the_phone_first_header_and_decision_pages_the_action_bar(
    client, site, page_type
):
    html = rendered(client, site, page_type)
    check_header(html, page_type)
    check_action_bar(html, page_type, site)


def check_header(html, page_type):
    """A call link and a menu button that discloses the search, languages and navigation."""
    header = html.find("header", class_="site-header")

    [call] = header.select("a.header-call")
    assert call["href"] == f"tel:{PHONE}"
    assert "(214) 555-0100" in call.get_text()

    [button] = header.find_all("button", class_="menu-button")
    assert button["type"] == "button"
    assert button.get_text(strip=True) in {"Menu", "Menú"}
    # Collapsed, shown by the stylesheet only on a page its script marked: without scripts
    # the button stays hidden and the menu open.
    assert not button.has_attr("hidden") and button["aria-expanded"] == "false"
    menu = html.find(id=button["aria-controls"])
    assert menu.find_previous_sibling() == button  # the stylesheet hides it after a closed button
    assert menu.find("nav", class_="main-nav")["aria-label"] in {"Main", "Principal"}
    assert menu.find("form", role="search") is not None
    for switcher in html.find_all("nav", class_="language-switcher"):
        assert menu in switcher.parents

    script = html.find("script", src=re.compile(r"core/js/site-menu\.js$"))
    # A lead form runs no script of the site (tests/leads/test_forms.py): its menu stays open.
    if getattr(page_type, "without_site_scripts", False):
        assert script is None
    else:
        # In the head, run before the first paint: a menu drawn open and then collapsed would
        # shift the whole page (Lighthouse's Cumulative Layout Shift).
        assert script.parent.name == "head"
        assert not script.has_attr("defer") and not script.has_attr("async")
    inline = [
        tag
        for tag in html.find_all("script", src=False)
        if tag.get("type") != "application/ld+json"
    ]
    assert inline == []


def check_action_bar(html, page_type, site):
    """The call and the review form of the page's language, on the pages a patient decides on."""
    bars = html.find_all(class_="action-bar")
    if page_type not in BAR_PAGE_TYPES:
        assert bars == []
        return

    [bar] = bars
    # A labelled complementary landmark at the top level of the page, not a navigation.
    assert bar.name == "aside" and bar.parent.name == "body"
    assert bar["aria-label"]
    assert bar.find("nav") is None
    links = bar.find_all("a")
    assert [link["href"] for link in links] == [f"tel:{PHONE}", site.review_form_url]
    assert links[0].get_text(" ", strip=True) in {"Call (214) 555-0100", "Llamar (214) 555-0100"}


def test_procedure_condition_and_location_pages_have_the_bar():
    assert {ProcedurePage, ConditionPage, LocationPage} <= set(BAR_PAGE_TYPES)
