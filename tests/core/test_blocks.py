"""Every block renders what editors put in it and refuses what it must not hold."""

import pytest
from django.template.loader import get_template
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from core import blocks
from core.factories import ClaimFactory, ImageFactory, PhoneCallToActionFactory
from home.blocks import HomeBodyBlock
from locations.blocks import LocationBodyBlock
from locations.factories import LocationPageFactory
from locations.models import LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from procedures.blocks import ConditionBodyBlock, ProcedureBodyBlock
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedureCondition
from tests.builders import a_site

pytestmark = pytest.mark.django_db

BODY_BLOCKS = [HomeBodyBlock, ProcedureBodyBlock, ConditionBodyBlock, LocationBodyBlock]


@pytest.fixture
def procedure_with_its_content():
    """A procedure with its conditions and locations, and what previews choose from.

    A chooser block's preview value is the first image, call to action,
    physician, testimonial or claim of the database, and an empty list block shows
    the page's own conditions or locations.
    """
    site = a_site()
    procedure = ProcedurePageFactory(parent=site.procedures)
    condition = ConditionPageFactory(parent=site.conditions)
    ProcedureCondition.objects.create(page=procedure, condition=condition)
    location = LocationPageFactory(parent=site.locations)
    LocationService.objects.create(page=location, procedure=procedure)
    ImageFactory()
    PhoneCallToActionFactory()
    PhysicianFactory()
    TestimonialFactory()
    ClaimFactory()
    return procedure


def all_child_blocks():
    seen = {}
    for stream in BODY_BLOCKS:
        for name, block in stream().child_blocks.items():
            seen.setdefault(type(block), (f"{stream.__name__}.{name}", block))
    return list(seen.values())


@pytest.mark.parametrize(
    ("name", "block"), all_child_blocks(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_block_declares_template_icon_description_and_preview(name, block):
    meta = block.meta
    assert get_template(meta.template), name
    assert meta.icon and meta.icon != "placeholder", name
    assert str(meta.description), name
    assert block.get_preview_value() is not None, name


@pytest.mark.parametrize(
    ("name", "block"), all_child_blocks(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_block_renders_its_preview_value(name, block, procedure_with_its_content):
    html = block.render(block.get_preview_value(), context={"page": procedure_with_its_content})
    assert html.strip(), name


def struct_errors(excinfo):
    return set(excinfo.value.block_errors)


def test_heading_renders_at_the_chosen_level():
    block = blocks.HeadingBlock()
    html = block.render(block.to_python({"text": "Recovery", "level": "h3"}))
    assert "<h3" in html and "Recovery" in html


def test_image_without_alt_text_is_refused():
    block = blocks.ImageBlock()
    image = ImageFactory()
    value = block.to_python({"image": image.pk, "alt_text": "   ", "caption": ""})
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    assert "alt_text" in struct_errors(excinfo)


def test_image_renders_alt_text_and_caption():
    block = blocks.ImageBlock()
    image = ImageFactory()
    value = block.to_python({"image": image.pk, "alt_text": "Surgeon at work", "caption": "Our OR"})
    html = block.render(block.clean(value))
    assert 'alt="Surgeon at work"' in html
    assert "Our OR" in html


def test_video_must_use_https_and_embeds_nothing():
    block = blocks.VideoBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"url": "http://example.com/v", "title": "Tour"}))
    assert "url" in struct_errors(excinfo)
    html = block.render(block.to_python({"url": "https://example.com/v", "title": "Tour"}))
    assert 'href="https://example.com/v"' in html
    assert "<iframe" not in html


def test_statistic_shows_its_claim_with_source_and_period():
    claim = ClaimFactory(figure="95%", source="Survey", period="January to December 2025")
    block = blocks.StatisticBlock()
    html = block.render(block.to_python({"claim": claim.pk}))
    assert "95%" in html and claim.wording in html
    assert "Source: Survey, January to December 2025" in html


def test_faq_renders_questions_and_answers():
    block = blocks.FAQBlock()
    value = block.to_python(
        {"heading": "FAQ", "items": [{"question": "Overnight stay?", "answer": "<p>No.</p>"}]}
    )
    html = block.render(value)
    assert "Overnight stay?" in html and "<p>No.</p>" in html


def test_call_to_action_renders_the_override_heading_and_the_target():
    cta = PhoneCallToActionFactory(phone="+18005550199", button_label="Call our team")
    block = blocks.CallToActionBlock()
    html = block.render(block.to_python({"call_to_action": cta.pk, "heading": "Questions?"}))
    assert "Questions?" in html
    assert f'href="tel:{cta.phone}"' in html
    assert cta.button_label in html


def test_each_page_type_offers_only_its_blocks():
    assert "recovery" in ProcedureBodyBlock().child_blocks
    assert "recovery" not in LocationBodyBlock().child_blocks
    assert "featured_procedures" in HomeBodyBlock().child_blocks
    assert "featured_procedures" not in ConditionBodyBlock().child_blocks


def test_rich_text_block_renders_html():
    assert "<p>Hi</p>" in blocks.RichTextBlock().render(RichText("<p>Hi</p>"))
