"""Every block renders what editors put in it and refuses what it must not hold."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import get_template
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core import blocks
from core.models import CallToAction
from home.blocks import CallToActionBandBlock, HomeBodyBlock
from locations.blocks import LocationBodyBlock, LocationListBlock
from locations.models import LocationPage
from people.blocks import PhysicianListBlock, TestimonialsBlock
from people.factories import TestimonialFactory
from people.models import Physician, Testimonial
from procedures.blocks import (
    BenefitsListBlock,
    ConditionBodyBlock,
    ConditionsTreatedBlock,
    ProcedureBodyBlock,
    ProcedureListBlock,
    RecoveryBlock,
)
from procedures.models import ProcedurePage
from tests.helpers import default_site

pytestmark = pytest.mark.django_db

BODY_BLOCKS = [HomeBodyBlock, ProcedureBodyBlock, ConditionBodyBlock, LocationBodyBlock]


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
def test_block_renders_its_preview_value(name, block):
    html = block.render(block.get_preview_value(), context={"page": ProcedurePage.objects.first()})
    assert html.strip(), name


def struct_errors(excinfo):
    return set(excinfo.value.block_errors)


def test_heading_renders_at_the_chosen_level():
    block = blocks.HeadingBlock()
    html = block.render(block.to_python({"text": "Recovery", "level": "h3"}))
    assert "<h3" in html and "Recovery" in html


def test_image_without_alt_text_is_refused():
    block = blocks.ImageBlock()
    image = Image.objects.first()
    value = block.to_python({"image": image.pk, "alt_text": "   ", "caption": ""})
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    assert "alt_text" in struct_errors(excinfo)


def test_image_renders_alt_text_and_caption():
    block = blocks.ImageBlock()
    image = Image.objects.first()
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


def test_benefits_list_needs_an_item_and_renders_each():
    block = BenefitsListBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"heading": "Benefits", "items": []}))
    value = block.to_python(
        {"heading": "Benefits", "items": [{"title": "Relief", "text": "Less pain."}]}
    )
    html = block.render(block.clean(value))
    assert "Relief" in html and "Less pain." in html


def test_statistic_shows_its_source():
    block = blocks.StatisticBlock()
    html = block.render(
        block.to_python({"figure": "95%", "label": "recommend", "source": "Survey"})
    )
    assert "95%" in html and "Survey" in html


def test_faq_renders_questions_and_answers():
    block = blocks.FAQBlock()
    value = block.to_python(
        {"heading": "FAQ", "items": [{"question": "Overnight stay?", "answer": "<p>No.</p>"}]}
    )
    html = block.render(value)
    assert "Overnight stay?" in html and "<p>No.</p>" in html


def test_recovery_renders_its_timeline():
    block = RecoveryBlock()
    value = block.to_python(
        {
            "heading": "Recovery",
            "intro": "<p>Rest first.</p>",
            "timeline": [{"when": "Week 2", "what_to_expect": "Short walks."}],
            "return_to_activity": "Back to work in weeks.",
        }
    )
    html = block.render(value)
    for text in ["Rest first.", "Week 2", "Short walks.", "Back to work in weeks."]:
        assert text in html


def test_conditions_treated_defaults_to_the_pages_own_conditions():
    procedure = ProcedurePage.objects.filter(condition_links__isnull=False).first()
    block = ConditionsTreatedBlock()
    html = block.render(
        block.to_python({"heading": "Treats", "conditions": []}), {"page": procedure}
    )
    for condition in procedure.listed_conditions():
        assert condition.title in html


def test_call_to_action_renders_the_override_heading_and_the_target():
    cta = CallToAction.objects.filter(kind=CallToAction.Kind.PHONE).first()
    block = blocks.CallToActionBlock()
    html = block.render(block.to_python({"call_to_action": cta.pk, "heading": "Questions?"}))
    assert "Questions?" in html
    assert f'href="tel:{cta.phone}"' in html
    assert cta.button_label in html


def test_call_to_action_band_renders_each_call():
    ctas = list(CallToAction.objects.all()[:2])
    block = CallToActionBandBlock()
    value = block.to_python(
        {
            "heading": "Help",
            "calls_to_action": [{"call_to_action": c.pk, "heading": ""} for c in ctas],
        }
    )
    html = block.render(value)
    for cta in ctas:
        assert cta.heading in html


def test_testimonials_carry_the_disclosure_and_hide_unconsented_ones():
    shown = Testimonial.objects.publicly_shown().first()
    hidden = TestimonialFactory(display_name="Hidden H.", consent_on_file=None)
    block = TestimonialsBlock()
    html = block.render(block.to_python({"heading": "", "testimonials": [shown.pk, hidden.pk]}))
    text = BeautifulSoup(html, "html.parser").get_text()
    assert shown.display_name in text
    assert shown.disclosure in text
    assert "Hidden H." not in text


def test_location_list_defaults_to_the_locations_offering_the_procedure():
    procedure = ProcedurePage.objects.filter(location_links__isnull=False).first()
    block = LocationListBlock()
    html = block.render(
        block.to_python({"heading": "Facilities", "locations": []}), {"page": procedure}
    )
    offering = list(procedure.listed_locations())
    assert offering
    for location in offering:
        assert location.title in html
    others = LocationPage.objects.filter(locale=procedure.locale).exclude(
        pk__in=[loc.pk for loc in offering]
    )
    for location in others:
        assert location.title not in html


def test_physician_and_procedure_lists_render_their_cards():
    physician = Physician.objects.first()
    html = PhysicianListBlock().render(
        PhysicianListBlock().to_python({"heading": "Team", "physicians": [physician.pk]})
    )
    assert physician.name in html
    procedure = ProcedurePage.objects.live().first()
    html = ProcedureListBlock().render(
        ProcedureListBlock().to_python({"heading": "Featured", "procedures": [procedure.pk]})
    )
    assert procedure.title in html and procedure.url in html


def test_each_page_type_offers_only_its_blocks():
    assert "recovery" in ProcedureBodyBlock().child_blocks
    assert "recovery" not in LocationBodyBlock().child_blocks
    assert "featured_procedures" in HomeBodyBlock().child_blocks
    assert "featured_procedures" not in ConditionBodyBlock().child_blocks


def test_stream_rejects_a_block_with_errors_naming_its_position():
    stream = ProcedureBodyBlock()
    value = stream.to_python(
        [{"type": "statistic", "value": {"figure": "95%", "label": "", "source": ""}}]
    )
    with pytest.raises(StreamBlockValidationError) as excinfo:
        stream.clean(value)
    assert 0 in excinfo.value.block_errors


def test_rich_text_block_renders_html():
    assert "<p>Hi</p>" in blocks.RichTextBlock().render(RichText("<p>Hi</p>"))


def test_an_empty_location_list_elsewhere_lists_the_site_locations_in_the_page_language():
    home = default_site().root_page.specific
    block = LocationListBlock()
    value = block.to_python({"heading": "Facilities", "locations": []})
    english = block.render(value, {"page": home})
    assert "/locations/atlanta-ga/" in english
    assert "fort-worth-tx" not in english  # the affiliate site's clinic
    assert "/es/centros/" not in english
    spanish = block.render(
        value, {"page": home.get_translation(Locale.objects.get(language_code="es"))}
    )
    assert "/es/centros/dallas-tx/" in spanish
    assert "/locations/" not in spanish
