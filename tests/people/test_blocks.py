"""Testimonial blocks show only published testimonials, with the disclosure (publishing needs
an active authorization; the withdrawal job unpublishes the lapsed ones)."""

import pytest
from bs4 import BeautifulSoup

from people.blocks import TestimonialsBlock
from people.factories import TestimonialFactory

pytestmark = pytest.mark.django_db


def test_testimonials_carry_the_disclosure_and_hide_unpublished_ones():
    shown = TestimonialFactory(display_name="Shown S.")
    assert shown.is_publicly_shown
    hidden = TestimonialFactory(display_name="Hidden H.", live=False)
    block = TestimonialsBlock()
    html = block.render(block.to_python({"heading": "", "testimonials": [shown.pk, hidden.pk]}))
    text = BeautifulSoup(html, "html.parser").get_text()
    assert shown.display_name in text
    assert shown.disclosure in text
    assert "Hidden H." not in text
