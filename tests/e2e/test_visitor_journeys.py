"""What a visitor does on the site, at a desktop and a phone width."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import PHONE_DISPLAY, PHONE_HREF, open_header_menu

pytestmark = pytest.mark.e2e


def main_heading(page):
    return page.get_by_role("heading", level=1)


def test_home_to_a_procedure_to_its_call_to_action(page, live_site, viewport):
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Lumbar Foraminotomy", exact=True).click()

    expect(page).to_have_url(live_site.url("/procedures/lumbar-foraminotomy/"))
    expect(main_heading(page)).to_have_text("Lumbar Foraminotomy")

    call_to_action = page.get_by_role("main").locator(".cta").first
    expect(call_to_action.get_by_role("heading")).to_have_text("Free MRI/CT Review")
    button = call_to_action.get_by_role("link", name="Get my free review")
    target = live_site.url(button.get_attribute("href"))
    with page.expect_response(lambda response: response.url == target) as landing:
        button.click()

    assert landing.value.status == 200
    expect(page).to_have_url(target)
    expect(main_heading(page)).to_be_visible()


def test_main_navigation_and_breadcrumbs(page, live_site, viewport):
    page.goto("/")
    open_header_menu(page)
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link")).to_have_text(["Procedures", "Conditions", "Locations"])

    menu.get_by_role("link", name="Conditions").click()
    expect(page).to_have_url(live_site.url("/conditions/"))
    expect(main_heading(page)).to_have_text("Conditions")
    open_header_menu(page)
    expect(menu.get_by_role("link", name="Conditions")).to_have_attribute("aria-current", "page")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link")).to_have_text(["Home", "Conditions"])

    page.get_by_role("main").get_by_role("link", name="Herniated Disc", exact=True).click()
    expect(page).to_have_url(live_site.url("/conditions/herniated-disc/"))
    expect(main_heading(page)).to_have_text("Herniated Disc")
    open_header_menu(page)
    # The menu still shows the section the visitor is in.
    expect(menu.get_by_role("link", name="Conditions")).to_have_attribute("aria-current", "true")
    expect(breadcrumbs.get_by_role("link")).to_have_text(["Home", "Conditions", "Herniated Disc"])
    expect(breadcrumbs.get_by_role("link").last).to_have_attribute("aria-current", "page")

    breadcrumbs.get_by_role("link", name="Conditions").click()
    expect(page).to_have_url(live_site.url("/conditions/"))
    breadcrumbs.get_by_role("link", name="Home").click()
    expect(page).to_have_url(live_site.url("/"))

    open_header_menu(page)
    menu.get_by_role("link", name="Locations").click()
    expect(page).to_have_url(live_site.url("/locations/"))
    page.get_by_role("main").get_by_role("link", name="Dallas, Texas", exact=True).click()
    expect(page).to_have_url(live_site.url("/locations/dallas-tx/"))
    expect(breadcrumbs.get_by_role("link")).to_have_text(["Home", "Locations", "Dallas, Texas"])


@pytest.mark.parametrize("path", ["/", "/procedures/lumbar-foraminotomy/", "/no-such-page/"])
def test_24_7_phone_number_is_a_tel_link_at_the_top_of_the_page(page, viewport, path):
    page.goto(path)

    header = page.get_by_role("banner")
    expect(header).to_contain_text("available 24/7")
    phone = header.get_by_role("link", name=PHONE_DISPLAY)
    expect(phone).to_have_attribute("href", PHONE_HREF)
    # Seen without scrolling, at either width.
    expect(phone).to_be_in_viewport()
    footer_phone = page.get_by_role("contentinfo").get_by_role("link", name=PHONE_DISPLAY)
    expect(footer_phone).to_have_attribute("href", PHONE_HREF)


def test_search_from_the_header_finds_a_procedure(page, live_site, viewport):
    page.goto("/procedures/")
    open_header_menu(page)
    search = page.get_by_role("search")
    search.get_by_role("searchbox", name="Search the site").fill("foraminotomy")
    search.get_by_role("button", name="Search").click()

    expect(page).to_have_url(live_site.url("/search/?q=foraminotomy"))
    results = page.get_by_role("region", name=re.compile("results for “foraminotomy”"))
    # The two procedures, and Atlanta's local page for one of them (clinics).
    expect(results.get_by_role("link")).to_have_count(3)
    expect(results.get_by_role("link", name="Cervical Foraminotomy", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Cervical foraminotomy in Atlanta")).to_be_visible()
    results.get_by_role("link", name="Lumbar Foraminotomy").click()
    expect(page).to_have_url(live_site.url("/procedures/lumbar-foraminotomy/"))
    expect(main_heading(page)).to_have_text("Lumbar Foraminotomy")


def test_search_without_matches_says_so(page, viewport):
    page.goto("/search/")
    field = page.get_by_role(
        "combobox", name="Search for a procedure, condition, location or physician"
    )
    field.fill("xylophone")
    field.press("Enter")

    expect(page.get_by_role("heading", name="0 results for “xylophone”")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("No pages matched your search.")
    expect(page.get_by_role("combobox", name=re.compile("Search for a"))).to_have_value("xylophone")


def test_unknown_address_shows_the_404_page_with_a_way_home(page, live_site, viewport):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page).to_have_title("Page not found | North American Spine")
    expect(main_heading(page)).to_have_text("Sorry, we can’t find that page")
    page.get_by_role("main").get_by_role("link", name="Go to the home page").click()
    expect(page).to_have_url(live_site.url("/"))
    expect(main_heading(page)).to_have_text("Minimally invasive spine care, close to home")
