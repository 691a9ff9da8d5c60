"""What the finder's results give the browser to remember of the nearest clinic (#23): the
side panel of procedure and condition pages names it from there, as pages are shared.

The results list the clinics as cards that carry the clinic's page id, and load
core/js/nearest-clinic.js; the list asks for the nearest to be remembered at once only when the
finder does not call it far (a far one is remembered when the visitor opens it). The browser's
side of it is tests/e2e/test_side_panel.py.
"""

import re

import pytest
from wagtail.models import Page

from tests.locations.helpers import CONTENT_LANGUAGES, a_finder_site, soup_of

pytestmark = pytest.mark.django_db

PHONE = "+18774742225"
NEAR_ZIP = "85004"  # downtown Phoenix, where the site's only clinic is
FAR_ZIP = "10001"  # New York


def finder_page(client, site, near=None):
    query = {} if near is None else {"near": near}
    return soup_of(client.get(site.finder_url, query, headers=site.built.headers))


def script_of(soup):
    return soup.find("script", src=re.compile(r"core/js/nearest-clinic\.js$"))


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_near_results_ask_the_browser_to_remember_the_nearest_clinic(client, language):
    site = a_finder_site(language, PHONE)
    soup = finder_page(client, site, NEAR_ZIP)

    results = soup.select_one("[data-finder-results]")
    assert results.has_attr("data-remember-nearest")
    [card] = results.select("[data-clinic-id]")
    clinic = Page.objects.get(pk=card["data-clinic-id"])
    assert clinic.title == site.clinic_title
    assert card.select_one(".card__link").get_text(strip=True) == site.clinic_title
    assert script_of(soup).has_attr("defer")


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_far_nearest_clinic_is_not_remembered_unasked(client, language):
    site = a_finder_site(language, PHONE)
    results = finder_page(client, site, FAR_ZIP).select_one("[data-finder-results]")
    assert not results.has_attr("data-remember-nearest")
    assert results.select("[data-clinic-id]")


def test_the_index_without_a_search_loads_no_script(client):
    site = a_finder_site(CONTENT_LANGUAGES[0], PHONE)
    assert script_of(finder_page(client, site)) is None
