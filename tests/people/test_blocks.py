"""Testimonial blocks show only consented testimonials, with the disclosure."""

import pytest
from bs4 import BeautifulSoup

from people.blocks import TestimonialsBlock
from people.factories import TestimonialFactory
from people.models import Testimonial

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def test_testimonials_carry_the_disclosure_and_hide_unconsented_ones():
    shown = Testimonial.objects.publicly_shown().first()
    hidden = TestimonialFactory(display_name="Hidden H.", consent_on_file=None)
    block = TestimonialsBlock()
    html = block.render(block.to_python({"heading": "", "testimonials": [shown.pk, hidden.pk]}))
    text = BeautifulSoup(html, "html.parser").get_text()
    assert shown.display_name in text
    assert shown.disclosure in text
    assert "Hidden H." not in text
