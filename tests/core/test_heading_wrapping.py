"""Headings wrap at the slash of "Laminotomy/Laminectomy", not inside one of its words (#23).

Browsers give a line no break opportunity at a slash, so on a phone or a narrow card they cut
a word instead; the templates mark one with <wbr>. Generated over every page type
(get_page_models()); the 320 px check in Chromium is tests/e2e/test_smallest_screen.py.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, get_page_models

from home.models import HomePage
from procedures.models import ProcedurePage
from tests.builders import a_page_of_type_in, a_site, published

pytestmark = pytest.mark.django_db

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
TITLE = "Laminotomy/Laminectomy <em>now</em>"


def soup_of(client, site, page):
    response = client.get(page.relative_url(site.site), headers=site.headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_the_page_heading_may_wrap_after_a_slash_and_nowhere_else(client, page_type):
    site = a_site()
    page = a_page_of_type_in(site, page_type)
    fields = {"hero_heading": TITLE} if page_type is HomePage else {"title": TITLE}
    soup = soup_of(client, site, published(page, **fields))

    heading = soup.find("h1")
    [opportunity] = heading.find_all("wbr")
    assert opportunity.previous_sibling.endswith("Laminotomy/")
    assert opportunity.next_sibling.startswith("Laminectomy")
    # The editor's text stays text: no markup of theirs reaches the page.
    assert heading.find("em") is None
    assert heading.get_text().endswith("<em>now</em>")
    assert soup.title.find("wbr") is None


def test_a_card_title_may_wrap_after_a_slash(client):
    site = a_site()
    procedure = published(a_page_of_type_in(site, ProcedurePage), title=TITLE)
    index = soup_of(client, site, procedure.get_parent().specific)

    [card_title] = [
        title for title in index.select(".card__title") if "Laminotomy/" in title.get_text()
    ]
    assert card_title.find("wbr").previous_sibling.endswith("Laminotomy/")
