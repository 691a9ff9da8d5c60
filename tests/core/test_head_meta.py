"""What a page tells search engines, link previews and browsers (#23 "Head and assets"):
a canonical address, an Open Graph and Twitter card with an image, and the site's icons.

Generated over every page type (get_page_models()), each built in a site of the test's own,
and in every other language of the site (WAGTAIL_CONTENT_LANGUAGES).
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Rendition
from wagtail.models import Locale, Page, get_page_models

from core.factories import ImageFactory
from core.head import ICON_SPECS
from core.models import SiteSettings
from leads.models import LeadFormPage
from tests.builders import a_page_of_type_in, a_site, a_translation, published

pytestmark = pytest.mark.django_db

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
OTHER_LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES][1:]


def head_of(client, site, page):
    response = client.get(page.relative_url(site.site), headers=site.headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(head, key):
    tag = head.find("meta", attrs={"property": key}) or head.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


@pytest.fixture
def site_with_logo():
    site = a_site()
    settings = SiteSettings.for_site(site.site)
    settings.logo = ImageFactory(title="Spine clinic logo", file__width=400, file__height=400)
    settings.save()
    return site


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_names_its_canonical_address_and_a_link_preview(
    client, site_with_logo, page_type
):
    site = site_with_logo
    page = a_page_of_type_in(site, page_type)
    head = head_of(client, site, page)

    address = f"http://{site.host}{page.relative_url(site.site)}"
    assert head.find("link", rel="canonical")["href"] == address
    assert meta(head, "og:url") == address
    assert meta(head, "og:title") == meta(head, "twitter:title") == (page.seo_title or page.title)
    assert meta(head, "og:site_name") == SiteSettings.for_site(site.site).organization_name
    # No hero image of its own: the preview shows the site's logo, at an absolute address.
    image = meta(head, "og:image")
    assert image.startswith(f"http://{site.host}/") and "1200x630" in image
    logo = SiteSettings.for_site(site.site).logo.get_rendition("fill-1200x630")
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == (
        str(logo.width),
        str(logo.height),
    )
    assert meta(head, "og:image:alt") == "Spine clinic logo"
    assert meta(head, "twitter:card") == "summary_large_image"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_a_translation_names_its_own_address_and_title_not_the_original_ones(
    client, site_with_logo, page_type, language
):
    site = site_with_logo
    original = a_page_of_type_in(site, page_type)
    locale = Locale.objects.get_or_create(language_code=language)[0]
    translation = a_translation(original, locale, title=f"{original.title} ({language})")
    head = head_of(client, site, translation)

    address = f"http://{site.host}{translation.relative_url(site.site)}"
    assert address != f"http://{site.host}{original.relative_url(site.site)}"
    assert head.find("link", rel="canonical")["href"] == meta(head, "og:url") == address
    assert meta(head, "og:title") == (translation.seo_title or translation.title)


def test_a_page_with_a_hero_image_previews_it_rather_than_the_logo(client, site_with_logo):
    site = site_with_logo
    page = a_page_of_type_in(site, next(t for t in PAGE_TYPES if hasattr(t, "hero_image")))
    hero = ImageFactory(title="Surgeon with a patient", file__width=2000, file__height=1200)
    published(page, hero_image=hero, search_description="What the procedure is.")
    head = head_of(client, site, page)
    assert hero.get_rendition("fill-1200x630").url in meta(head, "og:image")
    assert meta(head, "og:image:alt") == "Surgeon with a patient"
    assert meta(head, "og:description") == meta(head, "twitter:description")
    assert meta(head, "og:description") == "What the procedure is."


def test_without_a_logo_or_hero_the_card_is_a_summary_without_an_image(client):
    site = a_site()
    head = head_of(client, site, site.home)
    assert meta(head, "og:image") is None
    assert meta(head, "twitter:card") == "summary"


def test_the_site_icons_are_cut_from_its_logo(client, site_with_logo):
    site = site_with_logo
    head = head_of(client, site, site.home)
    icon = head.find("link", rel="icon")["href"]
    touch_icon = head.find("link", rel="apple-touch-icon")["href"]
    assert "32x32" in icon and icon.endswith(".png")
    assert "180x180" in touch_icon and touch_icon.endswith(".png")
    response = client.get("/favicon.ico", headers=site.headers)
    assert response.status_code == 302 and response["Location"] == icon


def test_a_site_without_a_logo_has_the_default_icon_and_no_favicon_404(client):
    site = a_site()
    icon = head_of(client, site, site.home).find("link", rel="icon")["href"]
    assert icon.endswith("favicon.svg")
    response = client.get("/favicon.ico", headers=site.headers, follow=True)
    assert response.status_code == 200
    assert b"<svg" in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


def test_an_uncached_render_looks_up_both_icons_at_once(client, site_with_logo):
    site = site_with_logo
    # The rendition cache outlives the test database: an earlier test's image had this id.
    caches[DEFAULT_CACHE_ALIAS].clear()
    head_of(client, site, site.home)
    caches[DEFAULT_CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as queries:
        head_of(client, site, site.home)
    icon_lookups = [
        query
        for query in queries
        if query["sql"].startswith("SELECT")
        and Rendition._meta.db_table in query["sql"]
        and any(spec in query["sql"] for spec in ICON_SPECS.values())
    ]
    assert len(icon_lookups) == 1


def test_a_page_without_a_description_or_summary_is_described_by_its_introduction(
    client, site_with_logo
):
    """A lead form has no summary: search engines show its introduction's whole sentences
    that fit in what a search result shows, the same in its link preview."""
    site = site_with_logo
    page = a_page_of_type_in(site, LeadFormPage)
    first = "Send us your most recent MRI or CT report."
    second = "One of our spine physicians will review it at no cost."
    third = "We answer within two business days, by phone or by email, as you prefer."
    published(page, intro=f"<p>{first}</p><p>{second} {third}</p>", search_description="")
    head = head_of(client, site, page)

    # The paragraphs kept apart; the third sentence would pass 160 characters.
    assert meta(head, "description") == f"{first} {second}"
    assert meta(head, "og:description") == meta(head, "twitter:description") == f"{first} {second}"


def test_an_introduction_without_a_sentence_that_fits_is_cut_after_a_whole_word(
    client, site_with_logo
):
    site = site_with_logo
    page = a_page_of_type_in(site, LeadFormPage)
    words = "Send us your report, your images and your questions, " * 4
    published(page, intro=f"<p>{words}</p>", search_description="")

    description = meta(head_of(client, site, page), "description")
    assert len(description) <= 160 and description.endswith("…")
    assert words.startswith(description[:-1]) and words[len(description) - 1] in " ,"


def test_an_editors_search_description_comes_before_the_introduction(client, site_with_logo):
    site = site_with_logo
    page = a_page_of_type_in(site, LeadFormPage)
    published(page, intro="<p>Send us your report.</p>", search_description="A free review.")
    assert meta(head_of(client, site, page), "description") == "A free review."
