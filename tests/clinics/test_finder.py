"""The location finder: distances from offline ZIP data, on the page and in the API."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale, PageViewRestriction

from clinics.finder import PlaceNotFound, locate, miles_between
from locations.blocks import LocationListBlock
from locations.factories import LocationPageFactory
from locations.models import LocationPage
from tests.builders import a_site, a_translation

pytestmark = pytest.mark.django_db

NEARBY = "/api/v2/locations/nearby/"

NETWORK_CLINICS = {
    "Atlanta, Georgia": ("33.748900", "-84.388000"),
    "Dallas, Texas": ("32.787600", "-96.798900"),
    "Phoenix, Arizona": ("33.448400", "-112.074000"),
}
AFFILIATE_CLINICS = {
    "Arlington, Texas": ("32.757000", "-97.093000"),
    "Fort Worth, Texas": ("32.751000", "-97.360000"),
}


def a_site_with_clinics(clinics):
    site = a_site()
    for title, (latitude, longitude) in clinics.items():
        LocationPageFactory(
            parent=site.locations,
            title=title,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
        )
    return site


@pytest.fixture
def network():
    return a_site_with_clinics(NETWORK_CLINICS)


@pytest.fixture
def affiliate():
    return a_site_with_clinics(AFFILIATE_CLINICS)


# Published great-circle distances between city centres, in miles.
@pytest.mark.parametrize(
    "a, b, miles",
    [
        ((40.7128, -74.0060), (34.0522, -118.2437), 2445),  # New York - Los Angeles
        ((41.8781, -87.6298), (29.7604, -95.3698), 940),  # Chicago - Houston
        ((51.5074, -0.1278), (48.8566, 2.3522), 213),  # London - Paris
    ],
)
def test_great_circle_distances_match_known_city_pairs(a, b, miles):
    assert miles_between(*a, *b) == pytest.approx(miles, rel=0.01)


@pytest.mark.parametrize(
    "start, end, miles",
    [("10001", "90012", 2445), ("60601", "77002", 940), ("75201", "30303", 720)],
)
def test_zip_codes_are_placed_from_the_bundled_data(start, end, miles):
    a, b = locate(start), locate(end)
    assert miles_between(a.latitude, a.longitude, b.latitude, b.longitude) == pytest.approx(
        miles, rel=0.02
    )


def test_a_city_with_its_state_is_placed_and_named():
    place = locate("atlanta, ga")
    assert place.label == "Atlanta, GA"
    assert place.latitude == pytest.approx(33.75, abs=0.2)


@pytest.mark.parametrize("query", ["1234", "123456", "99999", "Nowhereville", "", "x" * 200])
def test_bad_queries_get_a_clear_message(query):
    with pytest.raises(PlaceNotFound) as excinfo:
        locate(query)
    assert str(excinfo.value)


def test_the_locations_page_lists_the_nearest_first_with_miles(client, network, affiliate):
    response = client.get("/locations/", {"near": "75201"}, headers=network.headers)
    soup = BeautifulSoup(response.content, "html.parser")
    cards = soup.select(".finder-results .card")
    titles = [card.select_one(".card__title").get_text(strip=True) for card in cards]
    assert titles == ["Dallas, Texas", "Atlanta, Georgia", "Phoenix, Arizona"]
    distances = [float(card.select_one(".card__distance").get_text().split()[0]) for card in cards]
    assert distances[0] < 5
    assert distances[1] == pytest.approx(720, rel=0.03)
    assert soup.find("input", {"name": "near"})["value"] == "75201"


def test_the_locations_page_explains_an_unknown_zip_and_keeps_it(client, network):
    response = client.get("/locations/", {"near": "00000"}, headers=network.headers)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find("input", {"name": "near"})
    assert field["value"] == "00000"
    assert field["aria-invalid"] == "true"
    assert "could not find the ZIP code 00000" in soup.select_one("#finder-error").get_text()
    assert soup.find("label", {"for": "finder-near"})


def test_the_api_lists_locations_by_distance(client, network, affiliate):
    response = client.get(NEARBY, {"near": "Phoenix, AZ", "limit": 2}, headers=network.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["near"]["label"] == "Phoenix, AZ"
    items = body["items"]
    assert [item["title"] for item in items] == ["Phoenix, Arizona", "Dallas, Texas"]
    assert items[0]["distance_miles"] < 15
    assert items[1]["distance_miles"] == pytest.approx(885, rel=0.03)


def test_the_api_scopes_to_a_site(client, network, affiliate):
    response = client.get(
        NEARBY, {"near": "76107", "site": affiliate.host}, headers=network.headers
    )
    assert [item["title"] for item in response.json()["items"]] == [
        "Fort Worth, Texas",
        "Arlington, Texas",
    ]


@pytest.mark.parametrize(
    "query",
    [{"near": "1234"}, {"near": "99999"}, {}, {"near": "75201", "limit": "0"}, {"zip": "75201"}],
)
def test_the_api_answers_bad_queries_with_a_json_400(client, network, query):
    response = client.get(NEARBY, query, headers=network.headers)
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.fixture
def private_clinic(network):
    """A clinic of the network behind a login restriction (e.g. staff-only, not yet open)."""
    clinic = LocationPageFactory(
        parent=network.locations,
        title="Mesa, Arizona",
        latitude=Decimal("33.415200"),
        longitude=Decimal("-111.831500"),
    )
    PageViewRestriction.objects.create(page=clinic, restriction_type=PageViewRestriction.LOGIN)
    return clinic


def card_titles(response, selector):
    soup = BeautifulSoup(response.content, "html.parser")
    return [card.get_text(strip=True) for card in soup.select(f"{selector} .card__title")]


def test_the_api_leaves_a_private_location_out(client, network, private_clinic):
    response = client.get(NEARBY, {"near": "85004"}, headers=network.headers)
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [
        "Phoenix, Arizona",
        "Dallas, Texas",
        "Atlanta, Georgia",
    ]


def test_the_finder_page_leaves_a_private_location_out(client, network, private_clinic):
    response = client.get("/locations/", {"near": "85004"}, headers=network.headers)
    assert response.status_code == 200
    assert card_titles(response, ".finder-results") == [
        "Phoenix, Arizona",
        "Dallas, Texas",
        "Atlanta, Georgia",
    ]


def test_the_locations_page_leaves_a_private_location_out(client, network, private_clinic):
    response = client.get("/locations/", headers=network.headers)
    assert response.status_code == 200
    assert sorted(card_titles(response, ".card-grid")) == sorted(NETWORK_CLINICS)


def test_the_site_location_list_leaves_a_private_location_out(network, private_clinic):
    block = LocationListBlock()
    value = block.to_python({"heading": "Facilities", "locations": []})
    html = block.render(value, {"page": network.home})
    assert private_clinic.title not in html
    data = block.get_api_representation(value, {"page": network.home})
    assert sorted(card["title"] for card in data["locations"]) == sorted(NETWORK_CLINICS)


LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
DEFAULT_LANGUAGE = LANGUAGES[0]


@pytest.fixture
def dallas_translated(network):
    """The network in every language, with only its Dallas clinic translated."""
    dallas = LocationPage.objects.descendant_of(network.home).get(title="Dallas, Texas")
    for code in LANGUAGES[1:]:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        a_translation(network.home, locale)
        a_translation(network.locations, locale)
        a_translation(dallas, locale, title=f"Dallas, Texas ({code})")
    return network


def finder_page_cards(client, site, language):
    index = site.locations.get_translation(Locale.objects.get(language_code=language))
    response = client.get(index.relative_url(site.site), {"near": "75201"}, headers=site.headers)
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (link.get_text(strip=True), link.get("lang"), link.get("hreflang"))
        for link in soup.select(".finder-results .card__link")
    ]


def expected_clinics(language):
    """Nearest first from Dallas: Dallas in the language asked for, the others in English."""
    dallas = "Dallas, Texas" if language == DEFAULT_LANGUAGE else f"Dallas, Texas ({language})"
    return [
        (dallas, language),
        ("Atlanta, Georgia", DEFAULT_LANGUAGE),
        ("Phoenix, Arizona", DEFAULT_LANGUAGE),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_lists_each_clinic_once_in_the_language_asked_for(
    client, dallas_translated, language
):
    response = client.get(
        NEARBY, {"near": "75201", "locale": language}, headers=dallas_translated.headers
    )
    assert response.status_code == 200
    assert response["Content-Language"] == language
    items = response.json()["items"]
    assert [(item["title"], item["locale"]) for item in items] == expected_clinics(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_finder_page_lists_the_same_clinics_as_the_api(client, dallas_translated, language):
    """Untranslated clinics are found on every language's finder, marked as English."""
    cards = finder_page_cards(client, dallas_translated, language)
    expected = [
        (title, None if locale == language else locale, None if locale == language else locale)
        for title, locale in expected_clinics(language)
    ]
    assert cards == expected


def test_the_api_without_a_locale_answers_in_the_default_language(client, dallas_translated):
    response = client.get(NEARBY, {"near": "75201"}, headers=dallas_translated.headers)
    assert response["Content-Language"] == DEFAULT_LANGUAGE
    assert {item["locale"] for item in response.json()["items"]} == {DEFAULT_LANGUAGE}


def test_the_api_refuses_an_unknown_locale_with_the_known_ones(client, network):
    response = client.get(NEARBY, {"near": "75201", "locale": "xx"}, headers=network.headers)
    assert response.status_code == 400
    assert "'xx'" in response.json()["message"] and "en" in response.json()["message"]
