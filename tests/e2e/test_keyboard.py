"""A keyboard user reaches the skip link first, then the page's main call to action, sees
where the focus is, and activates the call to action with Enter."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_visible_focus

pytestmark = pytest.mark.e2e

# Generous: the main call to action follows the page's introduction and key facts.
MAX_TAB_PRESSES = 80

MAIN_CALLS_TO_ACTION = [
    # page, path, the main call to action's button
    ("procedure", "/procedures/lumbar-foraminotomy/", "main .cta .cta__button"),
    ("home", "/", "main .hero__action .cta__button"),
]


def tab_to(page, target):
    """Press Tab until the target has focus; the number of presses it took."""
    for presses in range(1, MAX_TAB_PRESSES + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    pytest.fail(f"{MAX_TAB_PRESSES} presses of Tab did not reach the target; focus is on {focused}")


@pytest.mark.parametrize(
    ("name", "path", "selector"), MAIN_CALLS_TO_ACTION, ids=[c[0] for c in MAIN_CALLS_TO_ACTION]
)
def test_keyboard_reaches_and_activates_the_main_call_to_action(
    page, live_site, viewport, name, path, selector
):
    page.goto(path)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert_visible_focus(skip_link)
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()

    call_to_action = page.locator(selector).first
    target = call_to_action.get_attribute("href")
    tab_to(page, call_to_action)
    assert_visible_focus(call_to_action)
    expect(call_to_action).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(live_site.url(target))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
