"""A page type defined only here reaches every channel without any list naming it.

ClinicEventPage was added as docs/architecture.md says (model, template,
factory), with Dallas's location page as its parent: no INSTALLED_APPS of
the base settings, no API field list, no search or content registry and no
parent's subpage_types name it.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from locations.models import LocationPage
from serialization.representation import page_card
from tests.pagetypes.factories import ClinicEventPageFactory
from tests.pagetypes.models import ClinicEventPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

LABEL = "pagetypes.ClinicEventPage"


@pytest.fixture
def dallas():
    return LocationPage.objects.get(locale__language_code="en", city="Dallas")


@pytest.fixture
def photo():
    return get_image_model().objects.first()


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
        dallas = LocationPage.objects.filter(alias_of=None).first()
        self.assertCanCreateAt(LocationPage, ClinicEventPage)
        self.assertTrue(ClinicEventPage.can_create_at(dallas))
        for other in Page.objects.exclude(depth=1).not_type(LocationPage).specific()[:20]:
            self.assertFalse(ClinicEventPage.can_create_at(other), other)


def test_its_page_renders_with_its_template(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("body.template-clinic-event")
    assert html.h1.get_text(strip=True) == "Spine Health Open Day"
    assert "Bring your questions about back pain." in html.get_text()


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_both_apis_list_it_by_type_and_show_its_fields(client, dallas, event, photo, version):
    listing = client.get(f"/api/{version}/pages/", {"type": LABEL})
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["items"]] == [event.pk]

    detail = client.get(f"/api/{version}/pages/{event.pk}/")
    assert detail.status_code == 200
    data = detail.json()
    assert data["meta"]["type"] == LABEL
    assert data["summary"] == "Meet our spine specialists and tour the Dallas clinic."
    assert data["description"] == "<p>Bring your questions about back pain.</p>"
    assert data["starts_at"]
    assert data["hero"]["id"] == photo.pk
    assert data["hero"]["renditions"][0]["url"].startswith("http://testserver/")
    assert data["breadcrumbs"][-1]["title"] == dallas.title


def test_the_site_search_finds_it_with_its_own_result_type(client, event):
    response = client.get("/search/", {"q": "open day"})
    html = BeautifulSoup(response.content, "html.parser")
    results = {
        item.select_one(".search-result__title").get_text(strip=True): item
        for item in html.select("li.search-result")
    }
    found = results["Spine Health Open Day"]
    assert found.select_one(".search-result__type").get_text(strip=True) == "Clinic event"
    assert found.select_one("a")["href"] == "/locations/dallas-tx/spine-health-open-day/"


def test_its_card_shows_its_summary_and_image(event, photo):
    card = page_card(Page.objects.get(pk=event.pk))
    assert card["type"] == LABEL
    assert card["url"] == "http://testserver/locations/dallas-tx/spine-health-open-day/"
    assert card["summary"] == "Meet our spine specialists and tour the Dallas clinic."
    assert card["image"]["id"] == photo.pk
    assert card["image"]["renditions"][0]["url"].startswith("http://testserver/")
