"""Two sites in one install: each hostname gets its own home page, settings and theme."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Site

from core.models import SiteSettings
from core.theme import contrast_with_white, validate_theme_colour

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

AFFILIATE = "affiliate.localhost"


def header_and_theme(response):
    soup = BeautifulSoup(response.content, "html.parser")
    style = soup.find("style")
    return (
        soup.select_one(".site-name").get_text(strip=True),
        soup.select_one(".phone-banner__link")["href"],
        style.get_text() if style else "",
    )


def test_each_hostname_resolves_to_its_own_site_and_home_page(client):
    default = Site.objects.get(is_default_site=True)
    affiliate = Site.objects.get(hostname=AFFILIATE)
    assert affiliate.root_page_id != default.root_page_id

    network = client.get("/")
    partner = client.get("/", headers={"host": AFFILIATE})
    assert network.status_code == partner.status_code == 200
    assert network.context["page"].pk == default.root_page_id
    assert partner.context["page"].pk == affiliate.root_page_id


def test_each_site_shows_its_own_name_phone_and_colours(client):
    network_name, network_phone, network_theme = header_and_theme(client.get("/"))
    partner_name, partner_phone, partner_theme = header_and_theme(
        client.get("/", headers={"host": AFFILIATE})
    )
    assert network_name == "North American Spine"
    assert partner_name == "Lone Star Spine Partners"
    assert network_phone == "tel:+18774742225"
    assert partner_phone == "tel:+18175550150"
    assert "--color-brand: #4b2a7b" in partner_theme
    assert "#4b2a7b" not in network_theme


def test_each_site_lists_its_own_default_calls_to_action(client):
    def headings(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return [h.get_text(strip=True) for h in soup.select(".site-ctas .cta__heading")]

    partner = headings(client.get("/procedures/", headers={"host": AFFILIATE}))
    network = headings(client.get("/procedures/"))
    settings = SiteSettings.for_site(Site.objects.get(hostname=AFFILIATE))
    assert partner == [
        link.call_to_action.heading for link in settings.default_calls_to_action.all()
    ]
    assert "Call Lone Star Spine Partners" in partner
    assert network and not set(partner) & set(network)


def test_navigation_belongs_to_the_site(client):
    soup = BeautifulSoup(client.get("/", headers={"host": AFFILIATE}).content, "html.parser")
    links = [link["href"] for link in soup.select(".main-nav__link")]
    assert links == ["/procedures/", "/conditions/", "/locations/"]
    locations = client.get("/locations/", headers={"host": AFFILIATE})
    assert "Fort Worth, Texas" in locations.content.decode()
    assert "Dallas, Texas" not in locations.content.decode()


@pytest.mark.parametrize("colour", ["#ffcc00", "#777777", "teal", "#12345"])
def test_theme_colours_that_white_text_cannot_be_read_on_are_refused(colour):
    with pytest.raises(ValidationError):
        validate_theme_colour(colour)


def test_a_dark_colour_is_accepted_and_its_contrast_is_aa():
    validate_theme_colour("#4b2a7b")
    assert contrast_with_white("#4b2a7b") >= 4.5


def test_site_settings_refuse_a_light_brand_colour():
    settings = SiteSettings.for_site(Site.objects.get(hostname=AFFILIATE))
    settings.brand_colour = "#f0f0f0"
    with pytest.raises(ValidationError) as excinfo:
        settings.full_clean()
    assert "brand_colour" in excinfo.value.message_dict


def test_search_finds_only_the_pages_of_the_site_searched(client):
    def result_links(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return [link["href"] for link in soup.select("main a[href]")]

    network = result_links(client.get("/search/", {"q": "microdiscectomy"}))
    partner = result_links(
        client.get("/search/", {"q": "microdiscectomy"}, headers={"host": AFFILIATE})
    )
    assert "/procedures/microdiscectomy/" in network
    assert "/procedures/microdiscectomy/" in partner
    assert network.count("/procedures/microdiscectomy/") == 1
    assert "/locations/dallas-tx/microdiscectomy/" not in partner


def test_calls_to_action_link_to_pages_of_the_same_site_relatively(client):
    soup = BeautifulSoup(client.get("/procedures/").content, "html.parser")
    hrefs = [link["href"] for link in soup.select(".cta__button")]
    assert "/free-mri-ct-review/" in hrefs
    assert not [href for href in hrefs if href.startswith("http")]
