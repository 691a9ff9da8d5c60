"""An editor sees a brand colour's contrast with white text while typing or picking it, in
the words the server would use on saving, from our own script under the admin's policy."""

import pytest
from playwright.sync_api import expect

from core.theme import contrast_report
from tests.e2e.test_admin_languages_and_brands import log_in

pytestmark = pytest.mark.e2e

#: Dark enough, too light, not a colour yet.
TYPED = ["#0b4f5c", "#ffcc00", "#0b4f5"]


@pytest.mark.parametrize("viewport", ["desktop"])
def test_the_contrast_result_follows_the_typed_and_the_picked_colour(
    page, live_site, viewport, outside_requests
):
    console = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, live_site)
    page.goto("/admin/settings/cms/sitesettings/")
    text = page.get_by_role("textbox", name="Brand colour", exact=True)
    result = page.locator("#id_brand_colour-contrast")
    picker = page.locator("#id_brand_colour-picker")
    sample = page.locator('[data-colour-contrast-target="sample"]').first
    expect(result).to_have_attribute("aria-live", "polite")

    for colour in TYPED:
        text.fill("")
        text.press_sequentially(colour)
        expect(result).to_have_text(contrast_report(colour)[1])

    picker.fill("#7a1f3d")
    expect(text).to_have_value("#7a1f3d")
    expect(result).to_have_text(contrast_report("#7a1f3d")[1])
    expect(sample).to_have_css("background-color", "rgb(122, 31, 61)")

    assert [text for text in console if "Content Security Policy" in text] == []
    assert outside_requests == []
