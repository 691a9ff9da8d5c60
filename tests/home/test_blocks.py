"""The home page's own blocks."""

import pytest

from core.models import CallToAction
from home.blocks import CallToActionBandBlock

pytestmark = pytest.mark.django_db


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
