"""The site settings partners render around pages: name, 24/7 phone, banner, footer, links."""

import pytest
from bs4 import BeautifulSoup

from core.factories import CallToActionFactory, PhoneCallToActionFactory
from core.models import SiteCallToAction, SiteSettings, SocialLink
from localization.models import SiteText
from tests.builders import a_site, english, spanish

pytestmark = pytest.mark.django_db

URL = "/api/v2/site-settings/"


@pytest.fixture
def site():
    """A site with every setting filled in: two calls to action and two social links."""
    built = a_site()
    settings = SiteSettings.for_site(built.site)
    settings.organization_name = "Gulf Coast Spine"
    settings.phone_24_7 = "+17135550123"
    settings.phone_banner_text = "Call us day or night."
    settings.footer_text = "Gulf Coast Spine is a test brand."
    settings.save()
    # The admin's inline panel numbers the rows; without it their order would be the database's.
    for position, call_to_action in enumerate(
        [
            PhoneCallToActionFactory(heading="Call our nurses"),
            CallToActionFactory(heading="Read our guide"),
        ]
    ):
        SiteCallToAction.objects.create(
            settings=settings, call_to_action=call_to_action, sort_order=position
        )
    for platform in ("Facebook", "YouTube"):
        SocialLink.objects.create(
            settings=settings, platform=platform, url=f"https://example.com/{platform.lower()}"
        )
    return built


def test_site_settings_for_the_requested_host(client, site):
    response = client.get(URL, headers=site.headers)
    assert response.status_code == 200
    data = response.json()
    settings = SiteSettings.for_site(site.site)
    assert data["organization_name"] == "Gulf Coast Spine"
    assert data["organization_name"] == settings.organization_name
    assert data["phone_24_7"]["e164"] == settings.phone_24_7
    assert data["phone_24_7"]["url"] == f"tel:{settings.phone_24_7}"
    assert data["phone_banner_text"] == settings.phone_banner_text
    assert data["footer_text"] == settings.footer_text
    assert [call["heading"] for call in data["calls_to_action"]] == [
        row.call_to_action.heading for row in settings.default_calls_to_action.all()
    ]
    assert len(data["calls_to_action"]) == 2
    assert all(call["url"] or call["phone"] for call in data["calls_to_action"])
    assert [link["url"] for link in data["social_links"]] == [
        "https://example.com/facebook",
        "https://example.com/youtube",
    ]
    assert data["site"]["home_page"]["url"] == f"{site.site.root_url}/"
    assert response["Cache-Control"].startswith("public")


def test_site_settings_by_site_parameter(client, site):
    other = a_site()
    response = client.get(URL, {"site": f"{site.host}:{site.site.port}"}, headers=other.headers)
    assert response.status_code == 200
    assert response.json()["site"]["id"] == site.site.pk
    assert response.json()["organization_name"] == "Gulf Coast Spine"


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"site": "nowhere.example"}, 404, "nowhere.example"),
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


# --- each language (docs/content-scope.md: the fallback rule) -----------------


def in_spanish(client, site):
    response = client.get(URL, {"locale": "es"}, headers=site.headers)
    assert response.status_code == 200
    return response.json()


def test_spanish_settings_name_the_spanish_home(client, site):
    spanish_home = site.in_spanish().home
    assert in_spanish(client, site)["site"]["home_page"] == {
        "id": spanish_home.pk,
        "url": f"http://{site.host}/es/",
        "locale": "es",
    }


def test_without_a_spanish_home_the_english_one_is_given_as_english(client, site):
    spanish()
    home_page = in_spanish(client, site)["site"]["home_page"]
    assert (home_page["id"], home_page["locale"]) == (site.home.pk, "en")


def test_words_without_a_site_text_in_the_language_say_they_are_english(client, site):
    spanish()
    data = in_spanish(client, site)
    assert (data["texts_locale"], data["phone_banner_text"]) == ("en", "Call us day or night.")
    SiteText.objects.create(
        site=site.site, locale=spanish(), phone_banner_text="Llámenos.", footer_text="Pie."
    )
    data = in_spanish(client, site)
    assert (data["texts_locale"], data["phone_banner_text"], data["footer_text"]) == (
        "es",
        "Llámenos.",
        "Pie.",
    )


def test_the_spanish_pages_mark_english_header_and_footer_words(client, site):
    spanish_home = site.in_spanish().home
    soup = BeautifulSoup(
        client.get(spanish_home.relative_url(site.site), headers=site.headers).content,
        "html.parser",
    )
    assert soup.find(string="Call us day or night.").parent["lang"] == "en"
    assert soup.select_one(".site-footer__text")["lang"] == "en"
    SiteText.objects.create(
        site=site.site, locale=spanish(), phone_banner_text="Llámenos.", footer_text="Pie."
    )
    soup = BeautifulSoup(
        client.get(spanish_home.relative_url(site.site), headers=site.headers).content,
        "html.parser",
    )
    assert "lang" not in soup.find(string="Llámenos.").parent.attrs
    assert "lang" not in soup.select_one(".site-footer__text").attrs


def test_the_site_texts_listing_gives_one_sites_words_in_one_language(client, site):
    other = a_site()
    ours = SiteText.objects.create(site=site.site, locale=spanish(), phone_banner_text="Llámenos.")
    SiteText.objects.create(site=other.site, locale=spanish(), phone_banner_text="Otro sitio.")
    SiteText.objects.create(site=site.site, locale=english(), phone_banner_text="Call us.")
    response = client.get(
        "/api/v2/site-texts/",
        {"locale": "es", "site": site.host, "fields": "phone_banner_text"},
        headers=site.headers,
    )
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert [(item["id"], item["phone_banner_text"]) for item in items] == [(ours.pk, "Llámenos.")]
