"""The phone-first header and the bottom action bar in a real browser, at 320, 375, 768 and
1280 px (#23): the page never scrolls sideways; on a small screen the menu button discloses the
menu and Escape closes it, giving the focus back, the hero's review button is on the first
screen, and the call and review bar stays in view without covering the end of the page; on a
wide screen the menu is shown and the bar is not; axe-core finds no serious or critical
violation, with the menu open and closed.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    PHONE_DISPLAY,
    PHONE_HREF,
    assert_no_serious_axe_violations,
    save_screenshot,
)

pytestmark = pytest.mark.e2e

PROCEDURE = "/procedures/lumbar-foraminotomy/"
REVIEW_FORM = "/free-mri-ct-review/"
WIDTHS = [320, 375, 768, 1280]
#: Up to this width the header is compact and the action bar shown (docs/design.md).
SMALL_SCREEN = 640


def assert_no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_header_menu_and_action_bar_at_each_width(page, outside_requests, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(PROCEDURE)
    assert_no_sideways_scroll(page, width)
    header = page.get_by_role("banner")
    button = header.get_by_role("button", name="Menu")
    navigation = page.get_by_role("navigation", name="Main")
    bar = page.get_by_role("complementary", name="Call or ask for a free review")
    where = f"{PROCEDURE} at {width} px"

    if width > SMALL_SCREEN:
        expect(button).to_be_hidden()
        expect(navigation).to_be_visible()
        expect(bar).to_be_hidden()
        assert_no_serious_axe_violations(page, where)
        return

    call = header.get_by_role("link", name=re.compile(re.escape(PHONE_DISPLAY)))
    expect(call).to_have_attribute("href", PHONE_HREF)
    for target in (call, button):
        box = target.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    assert_no_serious_axe_violations(page, f"{where}, menu closed")

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Procedures")).to_be_visible()
    expect(page.get_by_role("search")).to_be_visible()
    assert_no_sideways_scroll(page, width)
    assert_no_serious_axe_violations(page, f"{where}, menu open")
    navigation.get_by_role("link", name="Procedures").focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(navigation).to_be_hidden()

    expect(bar).to_be_in_viewport()
    # The hero's own free review button is on the first screen, above the bar (docs/design.md
    # "Page hero"), whatever the image.
    hero_review = page.locator("header.page-hero").get_by_role("link", name="Get my free review")
    expect(hero_review).to_have_attribute("href", REVIEW_FORM)
    review_box = hero_review.bounding_box()
    assert review_box["y"] + review_box["height"] <= bar.bounding_box()["y"]
    save_screenshot(page, f"procedure-top-{width}")
    expect(bar.get_by_role("link", name=f"Call {PHONE_DISPLAY}")).to_have_attribute(
        "href", PHONE_HREF
    )
    expect(bar.get_by_role("link", name="Get my free review")).to_have_attribute(
        "href", REVIEW_FORM
    )
    # At the very end of the page, the last line of the footer is above the bar.
    page.keyboard.press("End")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    footer_end = page.get_by_role("contentinfo").evaluate(
        "footer => [...footer.querySelectorAll('a, p')].at(-1).getBoundingClientRect().bottom"
    )
    assert footer_end <= bar.bounding_box()["y"]
    save_screenshot(page, f"procedure-end-{width}")
    assert outside_requests == []
