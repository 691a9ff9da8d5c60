"""Every image size a page shows exists before anyone views the page."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model

from core.renditions import SITE_RENDITION_SPECS
from locations.models import LocationPage
from procedures.models import ProcedurePage

pytestmark = pytest.mark.demo_content

IMAGE_TAG = re.compile(r"{%\s*(?:image|srcset_image|picture)\s+\S+\s+(\S+)")
ALTERNATIVES = re.compile(r"{([^}]*)}")


def expand(spec):
    """width-{400,800} -> width-400, width-800, as srcset_image reads it."""
    parts = ALTERNATIVES.split(spec)
    choices = [part.split(",") if n % 2 else [part] for n, part in enumerate(parts)]
    return {"".join(combination) for combination in itertools.product(*choices)}


def template_specs():
    specs = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for spec in IMAGE_TAG.findall(template.read_text()):
            specs |= expand(spec)
    return specs


def test_every_size_in_the_templates_is_made_when_an_image_is_saved():
    specs = template_specs()
    assert "fill-480x270" in specs and "width-1200" in specs
    assert specs - set(SITE_RENDITION_SPECS) == set()


@pytest.mark.django_db
def test_viewing_pages_makes_no_renditions(client):
    renditions = get_image_model().get_rendition_model().objects
    before = renditions.count()
    procedure = ProcedurePage.objects.live().filter(alias_of=None).first()
    location = LocationPage.objects.live().filter(alias_of=None).first()
    for url in ("/", "/es/", procedure.url, location.url):
        assert client.get(url).status_code == 200
    assert renditions.count() == before
