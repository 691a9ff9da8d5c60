"""A misspelled query that finds nothing is answered with what the visitor probably meant.

On the results page and in the suggestions, in the request's language, from the
words of the visitor's own site only; followed, the suggestion finds the page.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, a_translation
from tests.locations.helpers import CONTENT_LANGUAGES, in_language, locale_of
from tests.search.helpers import searchable_now

pytestmark = pytest.mark.usefixtures("searchable")

MISSPELLED = "foramenot"
MEANT = "foraminotomy"


def a_site_in(language, title):
    """A site in ``language`` with one procedure page titled ``title``; its path."""
    built = a_site()
    page = ProcedurePageFactory(parent=built.procedures, title=title, slug=title.lower())
    if language != Locale.get_default().language_code:
        built = in_language(built, language)
        page = a_translation(page, locale_of(language))
    return built, page.relative_url(built.site)


@pytest.fixture
def sites(request):
    """Two brands with the procedure, and one without it, in the test's language."""
    language = request.node.callspec.params["language"]
    built = {
        "network": a_site_in(language, "Foraminotomy"),
        "affiliate": a_site_in(language, "Foraminotomy"),
        "other": a_site_in(language, "Microdiscectomy"),
    }
    searchable_now()
    return built


def urls_in(language):
    with translation.override(language):
        return reverse("search"), reverse("search_suggest")


def did_you_mean_message(language, query):
    with translation.override(language):
        return translation.gettext("Did you mean “%(query)s”?") % {"query": query}


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_results_page_offers_the_word_meant_and_the_link_finds_the_page(
    client, sites, language
):
    search_url, _suggest_url = urls_in(language)
    for name in ("network", "affiliate"):
        built, page_url = sites[name]
        response = client.get(search_url, {"q": MISSPELLED}, headers=built.headers)
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == language
        listed = [a["href"] for a in soup.select(".search-result__title a")]
        if listed:  # PostgreSQL's trigram search finds it as typed: nothing to correct
            assert listed == [page_url], name
            continue
        link = soup.select_one(".search-results #search-did-you-mean a")
        assert link is not None, f"no suggestion on {name}"
        assert link.get_text(strip=True) == MEANT
        assert urlsplit(link["href"]).path == search_url

        followed = client.get(link["href"], headers=built.headers)

        found = BeautifulSoup(followed.content, "html.parser").select(".search-result__title a")
        assert [a["href"] for a in found] == [page_url], name


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_suggestions_offer_the_word_meant_with_its_pages(client, sites, language):
    search_url, suggest_url = urls_in(language)
    for name in ("network", "affiliate"):
        built, page_url = sites[name]
        body = client.get(suggest_url, {"q": MISSPELLED}, headers=built.headers).json()
        assert [item["url"] for item in body["suggestions"]] == [page_url], name
        meant = body["did_you_mean"]
        assert meant["query"] == MEANT
        assert meant["message"] == did_you_mean_message(language, MEANT)

        followed = client.get(meant["url"], headers=built.headers)

        assert urlsplit(meant["url"]).path == search_url
        found = BeautifulSoup(followed.content, "html.parser").select(".search-result__title a")
        assert [a["href"] for a in found] == [page_url], name


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_site_suggests_only_its_own_words(client, sites, language):
    search_url, suggest_url = urls_in(language)
    built, _page_url = sites["other"]
    page = client.get(search_url, {"q": MISSPELLED}, headers=built.headers)
    assert MEANT not in page.content.decode().lower()
    body = client.get(suggest_url, {"q": MISSPELLED}, headers=built.headers).json()
    assert not body["suggestions"] and not body.get("did_you_mean")
