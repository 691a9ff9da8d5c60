"""A page type defined only here reaches every channel without any list naming it.

ClinicEventPage was added as docs/architecture.md says (model, template,
factory), with a location page as its parent: no INSTALLED_APPS of
the base settings, no API field list, no search or content registry and no
parent's subpage_types name it.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.factories import ImageFactory
from locations.factories import LocationPageFactory
from locations.models import LocationPage
from serialization.representation import page_card
from tests.builders import a_page_of_type_in, a_site
from tests.pagetypes.factories import ClinicEventPageFactory
from tests.pagetypes.models import ClinicEventPage

pytestmark = pytest.mark.django_db

LABEL = "pagetypes.ClinicEventPage"


@pytest.fixture
def site():
    return a_site()


@pytest.fixture
def dallas(site):
    return LocationPageFactory(
        parent=site.locations, title="Dallas, Texas", slug="dallas-tx", city="Dallas"
    )


@pytest.fixture
def photo():
    return ImageFactory()


@pytest.fixture
def event(dallas, photo):
    return ClinicEventPageFactory(
        parent=dallas,
        title="Spine Health Open Day",
        summary="Meet our spine specialists and tour the Dallas clinic.",
        hero_image=photo,
    )


class TestWhereEditorsAddIt(WagtailPageTestCase):
    def test_editors_add_it_under_a_location_and_nowhere_else(self):
        self.assertAllowedParentPageTypes(ClinicEventPage, {LocationPage})
        site = a_site()
        for page_type in get_page_models():
            if page_type is not Page:
                a_page_of_type_in(site, page_type)
        dallas = LocationPage.objects.descendant_of(site.home).get()
        self.assertCanCreateAt(LocationPage, ClinicEventPage)
        self.assertTrue(ClinicEventPage.can_create_at(dallas))
        others = Page.objects.descendant_of(site.home, inclusive=True).not_type(LocationPage)
        self.assertGreaterEqual(others.count(), len(get_page_models()) - 2)
        for other in others.specific():
            self.assertFalse(ClinicEventPage.can_create_at(other), other)


def test_its_page_renders_with_its_template(client, site, event):
    response = client.get(event.relative_url(site.site), headers=site.headers)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("body.template-clinic-event")
    assert html.h1.get_text(strip=True) == "Spine Health Open Day"
    assert "Bring your questions about back pain." in html.get_text()


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_both_apis_list_it_by_type_and_show_its_fields(client, site, dallas, event, photo, version):
    listing = client.get(f"/api/{version}/pages/", {"type": LABEL}, headers=site.headers)
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["items"]] == [event.pk]

    detail = client.get(f"/api/{version}/pages/{event.pk}/", headers=site.headers)
    assert detail.status_code == 200
    data = detail.json()
    assert data["meta"]["type"] == LABEL
    assert data["summary"] == "Meet our spine specialists and tour the Dallas clinic."
    assert data["description"] == "<p>Bring your questions about back pain.</p>"
    assert data["starts_at"]
    assert data["hero"]["id"] == photo.pk
    assert data["hero"]["renditions"][0]["url"].startswith("http://testserver/")
    assert data["breadcrumbs"][-1]["title"] == dallas.title


def test_the_site_search_finds_it_with_its_own_result_type(client, site, event):
    response = client.get("/search/", {"q": "open day"}, headers=site.headers)
    html = BeautifulSoup(response.content, "html.parser")
    results = {
        item.select_one(".search-result__title").get_text(strip=True): item
        for item in html.select("li.search-result")
    }
    found = results["Spine Health Open Day"]
    assert found.select_one(".search-result__type").get_text(strip=True) == "Clinic event"
    assert found.select_one("a")["href"] == "/locations/dallas-tx/spine-health-open-day/"


def test_its_card_shows_its_summary_and_image(site, event, photo):
    card = page_card(Page.objects.get(pk=event.pk))
    assert card["type"] == LABEL
    assert card["url"] == f"{site.site.root_url}/locations/dallas-tx/spine-health-open-day/"
    assert card["summary"] == "Meet our spine specialists and tour the Dallas clinic."
    assert card["image"]["id"] == photo.pk
    assert card["image"]["renditions"][0]["url"].startswith("http://testserver/")
