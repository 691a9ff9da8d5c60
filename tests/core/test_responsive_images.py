"""Every image a page shows is a responsive picture (#23 "Head and assets"): WebP sources
before a JPEG fallback, two or more widths with the sizes of the layout, width and
height against layout shift, the hero fetched first and the rest lazily, the alt text kept.

Generated over every page type with a hero image, each shown on its own page and as a card on
its parent's, in every language of the site; then a page without one, a physician's portrait
and a StreamField image.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from wagtail.models import Locale, Page, get_page_models

from core.blocks import ImageBlock
from core.factories import ImageFactory
from people.factories import PhysicianFactory
from procedures.models import ProcedurePage
from tests.builders import a_page_of_type_in, a_site, a_translation, published

pytestmark = pytest.mark.django_db

HERO_TYPES = [
    model
    for model in get_page_models()
    if model is not Page
    and not model.__module__.startswith("tests.")  # the test-only types render no site layout
    and any(field.name == "hero_image" for field in model._meta.fields)
]
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
WIDTH = re.compile(r" (\d+)w$")


def pictures_of(html, image):
    """The <img> elements that show ``image``: its renditions' files are named after it."""
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return [img for img in html.find_all("img") if stem in img["src"]]


def check_picture(img, *, formats, alt=""):
    picture = img.parent
    assert picture.name == "picture"
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == formats
    for candidates in [img["srcset"], *(source["srcset"] for source in sources)]:
        widths = [
            int(WIDTH.search(candidate.strip()).group(1)) for candidate in candidates.split(",")
        ]
        assert len(set(widths)) >= 2, candidates
    assert img["sizes"] and all(source["sizes"] == img["sizes"] for source in sources)
    assert img["src"].endswith(".jpg")
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["alt"] == alt


@pytest.fixture
def pages():
    """A page of every type with a hero image, and its translation into every other language."""
    site = a_site()
    image = ImageFactory(
        file__width=1000, file__height=600, description="A drawing of the lower spine"
    )
    originals = [a_page_of_type_in(site, model) for model in HERO_TYPES]
    shown = []
    for original in originals:
        published(original, hero_image=image)
        shown.append(original)
    for code in LANGUAGES[1:]:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        shown += [a_translation(original, locale) for original in originals]
    return site, image, shown


def test_hero_and_card_images_are_responsive_pictures(client, pages):
    site, image, shown = pages
    seen = {"page hero": 0, "home hero": 0, "card": 0}
    for page in shown:
        urls = [page.relative_url(site.site), page.get_parent().relative_url(site.site)]
        for url in filter(None, urls):  # a home page's parent, the tree's root, has none
            response = client.get(url, headers=site.headers)
            assert response.status_code == 200, url
            for img in pictures_of(BeautifulSoup(response.content, "html.parser"), image):
                classes = img.get("class", [])
                if "page-hero__image" in classes:
                    # The page's own hero, described as the API's ``hero.alt`` describes it.
                    check_picture(img, formats=["image/webp"], alt=image.default_alt_text)
                    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
                    seen["page hero"] += 1
                elif "hero__image" in classes:
                    # The home page's: decorative, the heading on it says what the site is.
                    check_picture(img, formats=["image/webp"])
                    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
                    seen["home hero"] += 1
                else:
                    # Decorative: the card's title says what the page is.
                    check_picture(img, formats=["image/webp"])
                    assert img["loading"] == "lazy"
                    seen["card"] += 1
    assert min(seen.values()) >= len(LANGUAGES), seen
    assert seen["page hero"] == len(LANGUAGES) * (len(HERO_TYPES) - 1), seen  # all but home


def test_a_page_without_an_image_has_no_empty_hero_box(client):
    site = a_site()
    procedure = published(a_page_of_type_in(site, ProcedurePage), hero_image=None)
    response = client.get(procedure.relative_url(site.site), headers=site.headers)
    html = BeautifulSoup(response.content, "html.parser")
    [hero] = html.select("main header.page-hero")
    assert hero["class"] == ["page-hero"]  # the text spans the width
    assert hero.find(["picture", "img", "figure"]) is None
    assert hero.select_one(".page-hero__media") is None
    assert hero.h1.get_text(strip=True) == procedure.title


def test_a_physician_portrait_and_a_streamfield_image_are_pictures():
    portrait = ImageFactory(file__width=900, file__height=900)
    physician = PhysicianFactory(photo=portrait)
    card = render_to_string("includes/physician_card.html", {"physician": physician})
    [img] = pictures_of(BeautifulSoup(card, "html.parser"), portrait)
    check_picture(img, formats=["image/webp"], alt=physician.name)
    assert img["loading"] == "lazy" and img["sizes"] == "8rem"

    photo = ImageFactory(file__width=1600, file__height=900)
    block = ImageBlock()
    value = block.to_python({"image": photo.pk, "alt_text": "Surgeon at work", "caption": ""})
    [img] = pictures_of(BeautifulSoup(block.render(value), "html.parser"), photo)
    check_picture(img, formats=["image/webp"], alt="Surgeon at work")
    assert img["loading"] == "lazy"
