"""Every page type, the demo's and any other, is served on the site and in both APIs.

The types come from get_page_models(), so a new one is covered without
editing a list; a type the demo content lacks is built by its factory.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, get_page_models

from tests.helpers import a_page_of_type

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


@pytest.mark.parametrize(
    "page_type",
    [model for model in get_page_models() if model is not Page],
    ids=lambda model: model._meta.label,
)
def test_every_page_type_is_served_with_its_title_on_the_site_and_in_both_apis(client, page_type):
    page = a_page_of_type(page_type, Locale.objects.get(language_code="en"))
    host = urlsplit(page.full_url).netloc

    response = client.get(page.url, headers={"host": host})
    assert response.status_code == 200
    title = BeautifulSoup(response.content, "html.parser").title.get_text(strip=True)
    assert title.startswith(page.seo_title or page.title)

    for version in ("v2", "v3"):
        response = client.get(f"/api/{version}/pages/{page.pk}/", headers={"host": host})
        assert response.status_code == 200, version
        data = response.json()
        assert (data["meta"]["type"], data["title"]) == (page_type._meta.label, page.title)
