"""The finder helps a patient who misspells a city, on every site and in every language.

"Pheonix" is not a place; the finder offers the gazetteer's closest places as
links (the page) or as queries (the nearby-locations API), and following one
finds the site's clinic there.
"""

import re

import pytest
from django.utils import translation

from tests.locations.helpers import CONTENT_LANGUAGES, NEARBY, finder_sites, follow, soup_of

pytestmark = pytest.mark.django_db

MISSPELLED = "Pheonix"
MEANT = "Phoenix, AZ"


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_misspelled_city_offers_the_place_meant_and_the_link_finds_the_clinic(client, language):
    for site in finder_sites(language):
        page = client.get(site.finder_url, {"near": MISSPELLED}, headers=site.built.headers)
        soup = soup_of(page)
        assert soup.html["lang"] == language
        with translation.override(language):
            assert (
                translation.gettext("Did you mean:")
                in soup.select_one("#finder-suggestions").get_text()
            )
        field = soup.find("input", {"name": "near"})
        assert "finder-suggestions" in field["aria-describedby"].split()
        [link] = [
            a for a in soup.select("#finder-suggestions a") if a.get_text(strip=True) == MEANT
        ]

        followed = soup_of(follow(client, site, page, link["href"]))

        assert followed.html["lang"] == language
        assert followed.select_one("#finder-error") is None
        cards = followed.select(".finder-results .card__title")
        assert cards[0].get_text(strip=True) == site.clinic_title, site.built.host


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_api_suggests_the_place_meant_with_a_query_that_finds_the_clinic(client, language):
    for site in finder_sites(language):
        query = {"near": MISSPELLED, "site": site.built.host, "locale": language}
        response = client.get(NEARBY, query, headers=site.built.headers)
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"message", "suggestions"} and body["message"]
        [suggestion] = [item for item in body["suggestions"] if item["label"] == MEANT]

        followed = client.get(suggestion["url"], headers=site.built.headers)

        assert followed.status_code == 200
        assert followed.json()["near"]["label"] == MEANT
        assert followed.json()["items"][0]["title"] == site.clinic_title


def test_other_api_errors_keep_their_shape(client):
    [site, _other] = finder_sites(CONTENT_LANGUAGES[0])
    response = client.get(NEARBY, {"near": "75201", "limit": "0"}, headers=site.built.headers)
    assert response.status_code == 400
    assert set(response.json()) == {"message"}


FAR_ZIP = "10001"  # New York: about 2,140 miles from the sites' only clinic, in Phoenix
NEAR_ZIP = "85004"  # downtown Phoenix


def far_message(language, miles, place):
    with translation.override(language):
        return translation.gettext("Our nearest clinic is %(miles)s miles from %(place)s.") % {
            "miles": miles,
            "place": place,
        }


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_far_zip_says_how_far_and_offers_the_remote_review_and_the_phone(client, language):
    for site in finder_sites(language):
        page = client.get(site.finder_url, {"near": FAR_ZIP}, headers=site.built.headers)
        soup = soup_of(page)
        distance = soup.select_one(".finder-results .card__distance").get_text()
        nearest_miles = re.search(r"\d+(?:\.\d+)?", distance)[0]
        far = soup.select_one("#finder-far")
        assert far_message(language, round(float(nearest_miles)), FAR_ZIP) in far.get_text(" ")
        assert far.select_one(f'a[href="tel:{site.phone}"]'), site.built.host
        [review] = [a for a in far.select("a") if a["href"] == site.review_form_url]

        form_page = soup_of(follow(client, site, page, review["href"]))

        assert form_page.html["lang"] == language
        assert form_page.select_one("main form"), "the review link leads to the form"


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_near_zip_says_nothing_of_distance(client, language):
    for site in finder_sites(language):
        page = client.get(site.finder_url, {"near": NEAR_ZIP}, headers=site.built.headers)
        assert soup_of(page).select_one("#finder-far") is None


def test_the_distance_called_far_is_a_setting(client, settings):
    [site, _other] = finder_sites(CONTENT_LANGUAGES[0])
    settings.FINDER_FAR_MILES = 3000
    page = client.get(site.finder_url, {"near": FAR_ZIP}, headers=site.built.headers)
    assert soup_of(page).select_one("#finder-far") is None


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_api_flags_a_far_nearest_clinic_with_the_threshold(client, settings, language):
    for site in finder_sites(language):
        metas = {
            near: client.get(
                NEARBY,
                {"near": near, "site": site.built.host, "locale": language},
                headers=site.built.headers,
            ).json()["meta"]
            for near in (FAR_ZIP, NEAR_ZIP)
        }
        assert metas[FAR_ZIP]["far"] is True
        assert metas[NEAR_ZIP]["far"] is False
        assert metas[FAR_ZIP]["far_threshold_miles"] == settings.FINDER_FAR_MILES
