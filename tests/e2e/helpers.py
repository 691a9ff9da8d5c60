"""Checks shared by the end-to-end tests: accessibility (axe-core), images, focus, screenshots."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from wagtail.models import get_page_models

BASE_DIR = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = BASE_DIR / "test-artifacts" / "screenshots"

# Pages beyond one of each page type: the finder's answer, search results and a 404.
OTHER_PAGES = [
    ("location-finder", "/locations/?near=75201", 200),
    ("search-results", "/search/?q=foraminotomy", 200),
    ("not-found", "/no-such-page/", 404),
]


def site_page_types():
    """Every page type the site serves (the test-only types of tests/ left out)."""
    return [
        model
        for model in get_page_models()
        if model.is_creatable and not model.__module__.startswith("tests.")
    ]


# The editor that live_site creates, in a throwaway database.
EDITOR_USERNAME = "e2e-editor"
EDITOR_PASSWORD = "e2e editor passphrase"

PHONE_HREF = "tel:+18774742225"
PHONE_DISPLAY = "(877) 474-2225"

BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()


def open_header_menu(page):
    """Open the header's menu where a small screen hides the navigation, the search and the
    languages behind its button; a wide screen shows them, and an open menu stays open."""
    button = page.get_by_role("banner").get_by_role("button", name=re.compile(r"^Men[uú]$"))
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")


def save_screenshot(page, name, full_page=True):
    """A PNG in test-artifacts/screenshots/ (git-ignored), kept as a test artifact: the full
    page, or with ``full_page=False`` the screen as scrolled (to show what stays in view)."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _targets(node):
    # A target is a list of CSS selectors (more than one inside iframes or shadow roots).
    return " ".join(
        " >> ".join(part) if isinstance(part, list) else str(part) for part in node["target"]
    )


def assert_no_serious_axe_violations(page, where):
    """Run axe-core on the page; fail listing every serious or critical violation."""
    violations = [
        violation
        for violation in _axe.run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    lines = [
        f"- {violation['id']} ({violation['impact']}): {violation['help']}; "
        f"target: {_targets(node)}"
        for violation in violations
        for node in violation["nodes"]
    ]
    assert not violations, f"axe found serious or critical violations on {where}:\n" + "\n".join(
        lines
    )


def assert_images_load(page):
    """Every image on the page loads (lazy ones once scrolled to), as a visitor would see."""
    images = page.locator("img")
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        width = image.evaluate("img => img.naturalWidth")
        assert width > 0, f"image {image.get_attribute('src')} did not load"


def assert_visible_focus(locator):
    """The element has keyboard focus and draws a visible focus indicator."""
    expect(locator).to_be_focused()
    ring = locator.evaluate(
        """element => {
            const style = getComputedStyle(element);
            return {
                focusVisible: element.matches(":focus-visible"),
                style: style.outlineStyle,
                width: parseFloat(style.outlineWidth) || 0,
                color: style.outlineColor,
            };
        }"""
    )
    assert ring["focusVisible"], f"{ring}: the focus is not marked :focus-visible"
    assert ring["style"] != "none" and ring["width"] >= 2, f"no visible focus outline: {ring}"
