"""The site settings partners render around pages: name, 24/7 phone, banner, footer, links."""

import pytest
from wagtail.models import Site

from core.models import SiteSettings

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

URL = "/api/v2/site-settings/"


def test_site_settings_for_the_requested_host(client):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert data["organization_name"] == settings.organization_name
    assert data["phone_24_7"]["e164"] == settings.phone_24_7
    assert data["phone_24_7"]["url"] == f"tel:{settings.phone_24_7}"
    assert data["phone_banner_text"] == settings.phone_banner_text
    assert data["footer_text"] == settings.footer_text
    assert [call["heading"] for call in data["calls_to_action"]] == [
        row.call_to_action.heading for row in settings.default_calls_to_action.all()
    ]
    assert all(call["url"] or call["phone"] for call in data["calls_to_action"])
    assert [link["url"] for link in data["social_links"]] == [
        link.url for link in settings.social_links.all()
    ]
    assert data["site"]["home_page"]["url"] == "http://testserver/"
    assert response["Cache-Control"].startswith("public")


def test_site_settings_by_site_parameter(client):
    site = Site.objects.get(is_default_site=True)
    response = client.get(URL, {"site": f"{site.hostname}:{site.port}"})
    assert response.status_code == 200
    assert response.json()["site"]["id"] == site.pk


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"site": "nowhere.example"}, 404, "site-settings"),
        ({"site": "localhost:abc"}, 400, "site"),
        ({"colour": "blue"}, 400, "colour"),
    ],
)
def test_site_settings_bad_requests_are_json_naming_the_problem(client, params, status, named):
    response = client.get(URL, params)
    assert response.status_code == status
    assert named in response.json()["message"]


def test_site_settings_are_read_only(client):
    response = client.post(URL, {})
    assert response.status_code == 405
    assert response.json()["message"]
