"""The side panel of decision pages (#23 "a sticky side panel with the free MRI/CT review call to
action, the 24/7 phone and the nearest clinic"): the markup every page type renders, in every
language of the site.

The pages a patient decides on (``shows_action_bar``: those the phone's action bar is on) add,
after <main>, a complementary landmark named by its
heading, with the site's review form (in the page's language) and the 24/7 phone, which work
without scripts, and a hidden slot for the nearest clinic that only the browser fills: pages
are cached and shared, so no visitor's clinic is ever rendered. How it looks and sticks at each
width, and the slot filled after using the finder, are the browser's to check:
tests/e2e/test_side_panel.py.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Page, get_page_models

from core.models import SiteCallToAction, SiteSettings
from tests.builders import a_page_of_type_in
from tests.locations.helpers import a_finder_site

pytestmark = pytest.mark.django_db

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
PHONE = "+12145550100"
#: The pages a patient decides on: a phone shows them the action bar, a wide screen the panel.
PANEL_PAGE_TYPES = {model for model in PAGE_TYPES if getattr(model, "shows_action_bar", False)}
LANDMARKS = {"main", "header", "footer", "nav", "aside", "section", "form"}


@pytest.fixture(params=LANGUAGES)
def site(request):
    return a_finder_site(request.param, PHONE)


def rendered(client, site, page_type):
    page = a_page_of_type_in(site.built, page_type)
    response = client.get(page.relative_url(site.built.site), headers=site.built.headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_decision_pages_have_the_side_panel_and_no_other_page_has(client, site, page_type):
    html = rendered(client, site, page_type)
    panels = html.find_all(class_="side-panel")
    if page_type not in PANEL_PAGE_TYPES:
        assert panels == []
        return

    [panel] = panels
    check_landmark(html, panel)
    links = panel.find_all("a", href=True)
    assert [link["href"] for link in links] == [site.review_form_url, f"tel:{PHONE}"]
    assert "(214) 555-0100" in links[1].get_text()
    assert "Talk to our patient care team." in panel.get_text(), "the review's own text"
    check_nearest_clinic_slot(html, panel)


def check_landmark(html, panel):
    """A complementary landmark named by its heading, at the top level, after <main>."""
    assert panel.name == "aside"
    heading = html.find(id=panel["aria-labelledby"])
    assert heading.name == "h2" and panel in heading.parents
    assert heading.get_text(strip=True)
    assert not [parent.name for parent in panel.parents if parent.name in LANDMARKS]
    assert panel.find_previous_sibling("main") is not None


def check_nearest_clinic_slot(html, panel):
    """Hidden, with no clinic in it, until core/js/nearest-clinic.js (deferred) fills it."""
    [slot] = panel.select("[data-nearest-clinic]")
    assert slot.has_attr("hidden")
    [name] = slot.select("[data-nearest-clinic-name]")
    # No link until there is a clinic: an <a> without an address is no link for a crawler.
    assert name.get_text(strip=True) == "" and slot.find("a") is None
    script = html.find("script", src=re.compile(r"core/js/nearest-clinic\.js$"))
    assert script.has_attr("defer")


@pytest.mark.parametrize("page_type", sorted(PANEL_PAGE_TYPES, key=str))
def test_a_site_without_review_form_or_phone_shows_no_panel(client, page_type):
    site = a_finder_site(LANGUAGES[0], PHONE)
    site_settings = SiteSettings.for_site(site.built.site)
    SiteCallToAction.objects.filter(settings=site_settings).delete()
    site_settings.phone_24_7 = ""
    site_settings.save()

    assert rendered(client, site, page_type).find(class_="side-panel") is None
