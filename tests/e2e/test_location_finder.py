"""A visitor finds the nearest location by ZIP code, at a desktop and a phone width."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e


def test_a_zip_code_finds_the_nearest_location_with_its_distance(page, live_site, viewport):
    page.goto("/locations/")
    page.get_by_label("Your ZIP code or city").fill("30303")
    page.get_by_role("button", name="Find locations").click()

    results = page.get_by_role("region", name="Locations nearest to 30303 (Atlanta, GA)")
    expect(results).to_be_visible()
    first = results.get_by_role("listitem").first
    expect(first.get_by_role("heading")).to_have_text("Atlanta, Georgia")
    expect(first.locator(".card__distance")).to_contain_text("miles away")
    assert_no_serious_axe_violations(page, f"the finder results ({viewport})")


def test_an_unknown_zip_code_is_explained_and_kept(page, live_site, viewport):
    page.goto("/locations/")
    field = page.get_by_label("Your ZIP code or city")
    field.fill("00000")
    field.press("Enter")

    expect(page.locator("#finder-error")).to_contain_text("could not find the ZIP code 00000")
    expect(page.get_by_label("Your ZIP code or city")).to_have_value("00000")
    expect(page.get_by_label("Your ZIP code or city")).to_have_attribute("aria-invalid", "true")
    assert_no_serious_axe_violations(page, f"the finder error ({viewport})")
