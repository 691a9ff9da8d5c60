"""The side panel of procedure and condition pages in a real browser (#23): on a wide screen it
stays in view beside the main column, never over it, while the page scrolls; it names the
clinic the visitor found with the location finder (remembered by this browser only); a phone
shows the bottom bar instead; the keyboard reaches its links; without scripts the review and
the phone still work; in Spanish it leads to the Spanish form. axe-core finds no serious or
critical violation.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS
from tests.e2e.helpers import (
    PHONE_DISPLAY,
    PHONE_HREF,
    assert_no_serious_axe_violations,
    assert_visible_focus,
    save_screenshot,
)

pytestmark = pytest.mark.e2e

PROCEDURE = "/procedures/lumbar-foraminotomy/"
CONDITION = "/conditions/spinal-stenosis/"
REVIEW_FORM = "/free-mri-ct-review/"
PANEL_NAME = "Talk to a spine specialist"
REVIEW_LABEL = "Get my free review"
SPANISH_PROCEDURE = "/es/procedimientos/foraminotomia-lumbar/"
SPANISH_REVIEW_FORM = "/es/revision-gratuita-resonancia-tomografia/"
# Generous: the panel comes after the whole main column in the reading order.
MAX_TAB_PRESSES = 250


def side_panel(page):
    return page.get_by_role("complementary", name=PANEL_NAME)


def scroll_to(page, fraction):
    """Scroll to ``fraction`` (0 to 1) of the page's scrollable height."""
    page.evaluate(
        """fraction => window.scrollTo(
            0, (document.documentElement.scrollHeight - window.innerHeight) * fraction
        )""",
        fraction,
    )


def assert_beside_the_main_column(page, panel):
    """The panel is entirely to the right of <main> and ends above the footer."""
    main = page.locator("main").bounding_box()
    box = panel.bounding_box()
    assert box["x"] >= main["x"] + main["width"], (box, main)
    footer = page.get_by_role("contentinfo").bounding_box()
    assert box["y"] + box["height"] <= footer["y"], (box, footer)


def use_the_finder(page, near):
    page.goto("/locations/")
    page.get_by_label("Your ZIP code or city").fill(near)
    page.get_by_role("button", name="Find locations").click()
    see_the_results(page)


def see_the_results(page):
    """The finder's results, loaded with their script (which remembers the nearest clinic)."""
    expect(page.locator("[data-finder-results]")).to_be_visible()
    page.wait_for_load_state("load")


def tab_to(page, target):
    """Press Tab from the top of the page until the target has focus."""
    for _press in range(MAX_TAB_PRESSES):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    pytest.fail(f"{MAX_TAB_PRESSES} presses of Tab did not reach the target; focus is on {focused}")


@pytest.mark.parametrize("path", [PROCEDURE, CONDITION])
@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_panel_stays_in_view_beside_the_main_column(page, outside_requests, path):
    page.goto(path)
    panel = side_panel(page)
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name=REVIEW_LABEL)).to_have_attribute("href", REVIEW_FORM)
    expect(panel.get_by_role("link", name=f"Call 24/7 {PHONE_DISPLAY}")).to_have_attribute(
        "href", PHONE_HREF
    )
    # Nothing is known of this visitor: no clinic is named.
    expect(panel.locator("[data-nearest-clinic]")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["desktop"]["width"]
    assert_beside_the_main_column(page, panel)

    for fraction, where in [(0.5, "middle"), (1, "end")]:
        scroll_to(page, fraction)
        expect(panel.get_by_role("link", name=REVIEW_LABEL)).to_be_in_viewport(ratio=1)
        assert_beside_the_main_column(page, panel)
        save_screenshot(page, f"side-panel-{path.split('/')[1]}-{where}-1280", full_page=False)
    assert_no_serious_axe_violations(page, f"{path} with its side panel")


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_panel_names_the_nearest_clinic_found_with_the_finder(page, live_site):
    use_the_finder(page, "75201")

    page.goto(PROCEDURE)
    panel = side_panel(page)
    expect(panel.get_by_role("heading", name="Your nearest clinic")).to_be_visible()
    clinic = panel.get_by_role("link", name="Dallas, Texas")
    expect(clinic).to_have_attribute("href", "/locations/dallas-tx/")
    scroll_to(page, 0.5)
    expect(clinic).to_be_in_viewport(ratio=1)
    assert_beside_the_main_column(page, panel)
    save_screenshot(page, "side-panel-nearest-clinic-1280", full_page=False)
    assert_no_serious_axe_violations(page, f"{PROCEDURE} naming the nearest clinic")

    clinic.click()
    expect(page).to_have_url(live_site.url("/locations/dallas-tx/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dallas, Texas")


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_clinic_the_visitor_opens_from_the_results_is_the_one_named(page):
    use_the_finder(page, "75201")
    results = page.locator("[data-finder-results]")
    results.get_by_role("link", name="Atlanta, Georgia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atlanta, Georgia")

    page.goto(CONDITION)
    expect(side_panel(page).get_by_role("link", name="Atlanta, Georgia")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_keyboard_reaches_the_panels_links_in_view(page):
    use_the_finder(page, "30303")
    page.goto(PROCEDURE)
    panel = side_panel(page)
    links = [
        panel.get_by_role("link", name=REVIEW_LABEL),
        panel.get_by_role("link", name=f"Call 24/7 {PHONE_DISPLAY}"),
        panel.get_by_role("link", name="Atlanta, Georgia"),
    ]

    tab_to(page, links[0])
    for link in links:
        assert_visible_focus(link)
        expect(link).to_be_in_viewport()
        page.keyboard.press("Tab")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_phone_shows_the_bottom_bar_and_not_the_panel(page):
    use_the_finder(page, "75201")
    page.goto(PROCEDURE)

    expect(side_panel(page)).to_be_hidden()
    expect(page.get_by_role("complementary", name="Call or ask for a free review")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    assert_no_serious_axe_violations(page, f"{PROCEDURE} on a phone")


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_spanish_panel_leads_to_the_spanish_form_and_clinic(page):
    page.goto("/es/centros/?near=75201")
    see_the_results(page)

    page.goto(SPANISH_PROCEDURE)
    # Located by its class: its name is in Spanish once the catalog translates it.
    panel = page.locator("aside.side-panel")
    expect(panel.locator("a[href^='/es/']").first).to_be_visible()
    review = panel.get_by_role("link").first
    expect(review).to_have_attribute("href", SPANISH_REVIEW_FORM)
    expect(panel.get_by_role("link", name=re.compile(re.escape(PHONE_DISPLAY)))).to_have_attribute(
        "href", PHONE_HREF
    )
    clinic = panel.locator("[data-nearest-clinic-link]")
    expect(clinic).to_have_attribute("href", "/es/centros/dallas-tx/")
    expect(clinic).not_to_have_attribute("lang", re.compile("."))
    assert_no_serious_axe_violations(page, f"{SPANISH_PROCEDURE} with its side panel")


def test_without_scripts_the_review_and_the_phone_work(browser, live_site):
    context = browser.new_context(
        base_url=live_site.base_url, viewport=VIEWPORTS["desktop"], java_script_enabled=False
    )
    outside = []
    context.route(
        re.compile(rf"^(?!{re.escape(live_site.base_url)}/).*"),
        lambda route: outside.append(route.request.url) or route.abort(),
    )
    try:
        page = context.new_page()
        page.goto(PROCEDURE)
        panel = side_panel(page)
        review = panel.get_by_role("link", name=REVIEW_LABEL)
        expect(review).to_have_attribute("href", REVIEW_FORM)
        expect(panel.get_by_role("link", name=re.compile(re.escape(PHONE_DISPLAY)))).to_be_visible()
        expect(panel.locator("[data-nearest-clinic]")).to_be_hidden()
        scroll_to(page, 0.5)
        expect(review).to_be_in_viewport(ratio=1)
    finally:
        context.close()
    assert outside == []
