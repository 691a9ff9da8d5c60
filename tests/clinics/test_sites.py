"""Two sites in one install: each hostname gets its own home page, settings and theme."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from clinics.factories import LocalProcedurePageFactory
from core.factories import CallToActionFactory, PhoneCallToActionFactory
from core.models import CallToAction, SiteCallToAction, SiteSettings
from core.theme import contrast_with_white, validate_theme_colour
from leads.factories import LeadFormPageFactory
from locations.factories import LocationPageFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db


def a_brand(name, phone, brand_colour, location):
    """A site with its settings (name, 24/7 phone, colour), a location and a procedure."""
    site = a_site(name)
    settings = SiteSettings.for_site(site.site)
    settings.organization_name = name
    settings.phone_24_7 = phone
    settings.brand_colour = brand_colour
    settings.save()
    site.settings = settings
    site.location = LocationPageFactory(parent=site.locations, title=location)
    return site


def default_calls_to_action(site, *calls_to_action):
    for call_to_action in calls_to_action:
        SiteCallToAction.objects.create(settings=site.settings, call_to_action=call_to_action)


@pytest.fixture
def network():
    site = a_brand("North American Spine", "+18774742225", "", "Dallas, Texas")
    site.procedure = ProcedurePageFactory(
        parent=site.procedures, title="Microdiscectomy", slug="microdiscectomy"
    )
    LocalProcedurePageFactory(
        parent=site.location,
        procedure=site.procedure,
        title="Microdiscectomy in Dallas",
        slug="microdiscectomy",
    )
    review = LeadFormPageFactory(parent=site.home, slug="free-mri-ct-review")
    default_calls_to_action(
        site,
        CallToActionFactory(
            kind=CallToAction.Kind.PAGE, link_url="", link_page=review, heading="Free MRI review"
        ),
        PhoneCallToActionFactory(heading="Call our care team"),
    )
    return site


@pytest.fixture
def affiliate(network):
    """A partner brand whose procedures are aliases of the network's."""
    site = a_brand("Lone Star Spine Partners", "+18175550150", "#4b2a7b", "Fort Worth, Texas")
    network.procedure.create_alias(parent=site.procedures)
    default_calls_to_action(site, PhoneCallToActionFactory(heading="Call Lone Star Spine Partners"))
    return site


def header_and_theme(client, built_site):
    """The site's name and phone in its header, and its theme stylesheet ("" without one)."""
    soup = BeautifulSoup(client.get("/", headers=built_site.headers).content, "html.parser")
    theme = soup.select_one('link[rel="stylesheet"][href^="/theme.css"]')
    return (
        soup.select_one(".site-name").get_text(strip=True),
        soup.select_one(".phone-banner__link")["href"],
        client.get(theme["href"], headers=built_site.headers).content.decode() if theme else "",
    )


def test_each_hostname_resolves_to_its_own_site_and_home_page(client, network, affiliate):
    assert affiliate.site.root_page_id != network.site.root_page_id

    network_home = client.get("/", headers=network.headers)
    partner_home = client.get("/", headers=affiliate.headers)
    assert network_home.status_code == partner_home.status_code == 200
    assert network_home.context["page"].pk == network.home.pk
    assert partner_home.context["page"].pk == affiliate.home.pk


def test_each_site_shows_its_own_name_phone_and_colours(client, network, affiliate):
    network_name, network_phone, network_theme = header_and_theme(client, network)
    partner_name, partner_phone, partner_theme = header_and_theme(client, affiliate)
    assert network_name == "North American Spine"
    assert partner_name == "Lone Star Spine Partners"
    assert network_phone == "tel:+18774742225"
    assert partner_phone == "tel:+18175550150"
    assert "--color-brand: #4b2a7b" in partner_theme
    assert "#4b2a7b" not in network_theme


def test_each_site_lists_its_own_default_calls_to_action(client, network, affiliate):
    def headings(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return [h.get_text(strip=True) for h in soup.select(".site-ctas .cta__heading")]

    partner = headings(client.get("/procedures/", headers=affiliate.headers))
    network_headings = headings(client.get("/procedures/", headers=network.headers))
    settings = SiteSettings.for_site(affiliate.site)
    assert partner == [
        link.call_to_action.heading for link in settings.default_calls_to_action.all()
    ]
    assert "Call Lone Star Spine Partners" in partner
    assert network_headings == ["Free MRI review", "Call our care team"]
    assert not set(partner) & set(network_headings)


def test_navigation_belongs_to_the_site(client, network, affiliate):
    soup = BeautifulSoup(client.get("/", headers=affiliate.headers).content, "html.parser")
    links = [link["href"] for link in soup.select(".main-nav__link")]
    assert links == ["/procedures/", "/conditions/", "/locations/"]
    locations = client.get("/locations/", headers=affiliate.headers)
    assert "Fort Worth, Texas" in locations.content.decode()
    assert "Dallas, Texas" not in locations.content.decode()


@pytest.mark.parametrize("colour", ["#ffcc00", "#777777", "teal", "#12345"])
def test_theme_colours_that_white_text_cannot_be_read_on_are_refused(colour):
    with pytest.raises(ValidationError):
        validate_theme_colour(colour)


def test_a_dark_colour_is_accepted_and_its_contrast_is_aa():
    validate_theme_colour("#4b2a7b")
    assert contrast_with_white("#4b2a7b") >= 4.5


def test_site_settings_refuse_a_light_brand_colour(affiliate):
    settings = SiteSettings.for_site(affiliate.site)
    settings.brand_colour = "#f0f0f0"
    with pytest.raises(ValidationError) as excinfo:
        settings.full_clean()
    assert "brand_colour" in excinfo.value.message_dict


def test_search_finds_only_the_pages_of_the_site_searched(client, network, affiliate):
    def result_links(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return [link["href"] for link in soup.select("main a[href]")]

    network_links = result_links(
        client.get("/search/", {"q": "microdiscectomy"}, headers=network.headers)
    )
    partner = result_links(
        client.get("/search/", {"q": "microdiscectomy"}, headers=affiliate.headers)
    )
    local_page = network.location.get_children().get().relative_url(network.site)
    assert "/procedures/microdiscectomy/" in network_links
    assert local_page in network_links
    assert "/procedures/microdiscectomy/" in partner
    assert network_links.count("/procedures/microdiscectomy/") == 1
    assert local_page not in partner


def test_calls_to_action_link_to_pages_of_the_same_site_relatively(client, network, affiliate):
    soup = BeautifulSoup(client.get("/procedures/", headers=network.headers).content, "html.parser")
    hrefs = [link["href"] for link in soup.select(".cta__button")]
    assert "/free-mri-ct-review/" in hrefs
    assert not [href for href in hrefs if href.startswith("http")]
