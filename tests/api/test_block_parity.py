"""A block that lists related pages says the same thing on the site and in both APIs.

The conditions and locations blocks show the editor's choice or, when it is
empty, the page's own related pages (or its site's locations); one resolver
answers for every channel. Generated over every live page of a built site that has
such a block: a procedure like the demo's, a condition, and the home page.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from locations.blocks import LocationListBlock
from procedures.blocks import ConditionsTreatedBlock
from tests.api.helpers import a_home_listing, a_lumbar_foraminotomy
from tests.builders import a_site, published

pytestmark = pytest.mark.django_db

# Block -> (the CSS class of its section in the HTML, the list its value gives).
LISTING_BLOCKS = {
    ConditionsTreatedBlock: ("conditions-treated", "conditions"),
    LocationListBlock: ("location-list", "locations"),
}


def listing_blocks(page):
    body = getattr(page, "body", None) or []
    return [block for block in body if type(block.block) in LISTING_BLOCKS]


@pytest.fixture
def built():
    """Listing blocks that choose nothing (the procedure's, the home page's) and that choose
    pages (a second conditions list on the procedure, a locations list on a condition)."""
    scene = a_lumbar_foraminotomy(a_site())
    procedure, conditions = scene.procedure, list(scene.conditions.values())
    published(
        procedure,
        body=list(procedure.body.raw_data)
        + [
            {
                "type": "conditions_treated",
                "value": {"heading": "Also", "intro": "", "conditions": [conditions[0].pk]},
            }
        ],
    )
    published(
        conditions[1],
        body=[
            {
                "type": "locations",
                "value": {"heading": "Where", "locations": [scene.clinics[0].pk]},
            }
        ],
    )
    a_home_listing(scene.site, [procedure.pk])
    return scene.site


def pages_with_listing_blocks(built):
    pages = Page.objects.live().descendant_of(built.home, inclusive=True).specific()
    return [page for page in pages if listing_blocks(page)]


def path_of(url):
    return urlsplit(url).path


def html_lists(client, page):
    site = page.get_site()
    response = client.get(page.get_url(), HTTP_HOST=site.hostname)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        block.__name__: [
            sorted(path_of(link["href"]) for link in section.select("a.card__link"))
            for section in soup.select(f"section.{css_class}")
        ]
        for block, (css_class, _listed) in LISTING_BLOCKS.items()
    }


def json_lists(client, url, page):
    response = client.get(url, HTTP_HOST=page.get_site().hostname)
    assert response.status_code == 200
    by_id = {block["id"]: block["value"] for block in response.json()["body"]}
    lists = {block.__name__: [] for block in LISTING_BLOCKS}
    for block in listing_blocks(page):
        cards = by_id[block.id][LISTING_BLOCKS[type(block.block)][1]]
        if cards:  # an empty list renders no section on the site
            lists[type(block.block).__name__].append(sorted(path_of(c["url"]) for c in cards))
    return lists


def test_the_site_has_pages_with_listing_blocks_that_choose_nothing(built):
    chosen_nothing = [
        page
        for page in pages_with_listing_blocks(built)
        for block in listing_blocks(page)
        if not block.value[LISTING_BLOCKS[type(block.block)][1]]
    ]
    assert chosen_nothing, "nothing here would show the page's own related pages"


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_listing_blocks_list_the_same_pages_in_html_and_json(client, built, api):
    mismatches = []
    for page in pages_with_listing_blocks(built):
        html = html_lists(client, page)
        json = json_lists(client, f"/api/{api}/pages/{page.pk}/", page)
        if html != json:
            mismatches.append(f"{page.url_path} [{page.locale.language_code}]: {html} != {json}")
    assert not mismatches, "\n".join(mismatches)
