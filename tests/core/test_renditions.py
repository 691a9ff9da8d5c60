"""Every image size a page shows exists before anyone views the page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.text import smart_split
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.factories import ImageFactory
from core.renditions import SITE_RENDITION_SPECS
from locations.factories import LocationPageFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, published

IMAGE_TAG = re.compile(r"{%\s*(image|srcset_image|picture)\s+\S+\s+(.*?)%}")
FILTER_SPEC = re.compile(r"^[A-Za-z0-9_\-\.{},|]+$")


def specs_of(tag, arguments):
    """The rendition specs a tag asks for: its filter specs (not its attributes, nor
    ``as name``), each alternative of a srcset or picture tag, as Wagtail expands them."""
    specs = []
    for bit in smart_split(arguments):
        if bit == "as":
            break
        if "=" not in bit and FILTER_SPEC.match(bit):
            specs.append(bit)
    if tag == "image":
        return {"|".join(specs)}
    return set(Filter.expand_spec(specs))


def template_specs():
    specs = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for tag, arguments in IMAGE_TAG.findall(template.read_text()):
            specs |= specs_of(tag, arguments)
    return specs


def test_every_size_in_the_templates_is_made_when_an_image_is_saved():
    specs = template_specs()
    assert "format-webp|fill-480x270" in specs and "format-webp|width-1800" in specs
    assert specs - set(SITE_RENDITION_SPECS) == set()


@pytest.mark.django_db
def test_viewing_pages_makes_no_renditions(client, django_capture_on_commit_callbacks):
    site = a_site()
    with django_capture_on_commit_callbacks(execute=True):
        home_image, procedure_image, location_image = ImageFactory.create_batch(3)
    published(site.home, hero_image=home_image)
    procedure = ProcedurePageFactory(parent=site.procedures, hero_image=procedure_image)
    location = LocationPageFactory(parent=site.locations, hero_image=location_image)
    site.in_spanish()
    renditions = get_image_model().get_rendition_model().objects
    images = [home_image, procedure_image, location_image]
    before = renditions.filter(image__in=images).count()
    assert before >= len(images) * len(SITE_RENDITION_SPECS)
    for url in ("/", "/es/", procedure.relative_url(site.site), location.relative_url(site.site)):
        assert client.get(url, headers=site.headers).status_code == 200
    assert renditions.filter(image__in=images).count() == before
