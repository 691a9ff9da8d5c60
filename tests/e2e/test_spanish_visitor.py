"""A Spanish-speaking visitor: switches language, reads the Spanish procedure, goes back."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_serious_axe_violations, open_header_menu

pytestmark = pytest.mark.e2e

LUMBAR_EN = "/procedures/lumbar-foraminotomy/"
LUMBAR_ES = "/es/procedimientos/foraminotomia-lumbar/"


def switcher(page):
    """The language switcher, in the header's menu (opened first on a small screen)."""
    open_header_menu(page)
    return page.get_by_role("navigation", name="Language").or_(
        page.get_by_role("navigation", name="Idioma")
    )


def test_a_spanish_visitor_switches_language_and_reads_the_procedure(
    page, live_site, viewport, outside_requests
):
    page.goto("/")
    switcher(page).get_by_role("link", name="Español").click()

    expect(page).to_have_url(live_site.url("/es/"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Atención de columna mínimamente invasiva, cerca de usted"
    )

    open_header_menu(page)
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Procedimientos"
    ).click()
    page.get_by_role("main").get_by_role("link", name="Foraminotomía lumbar", exact=True).click()

    expect(page).to_have_url(live_site.url(LUMBAR_ES))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Foraminotomía lumbar")
    expect(
        page.get_by_role("heading", name="Recuperación de la foraminotomía lumbar")
    ).to_be_visible()
    expect(page.get_by_text("Los resultados individuales varían").first).to_be_visible()
    expect(switcher(page).get_by_role("link", name="Español")).to_have_attribute(
        "aria-current", "true"
    )
    assert_no_serious_axe_violations(page, f"{LUMBAR_ES} at the {viewport} width")

    switcher(page).get_by_role("link", name="English").click()
    expect(page).to_have_url(live_site.url(LUMBAR_EN))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lumbar Foraminotomy")
    assert outside_requests == []


def test_the_switcher_is_reachable_by_keyboard(page, live_site, viewport):
    page.goto(LUMBAR_EN)
    link = switcher(page).get_by_role("link", name="Español")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_site.url(LUMBAR_ES))
