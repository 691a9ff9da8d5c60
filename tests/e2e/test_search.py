"""The search page in a real browser: suggestions as the visitor types, chosen with the
keyboard alone, and a results page with the query's words highlighted; axe-core finds no
serious or critical problems with the suggestions open or on the results."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e


def search_box(page):
    return page.get_by_role(
        "combobox", name="Search for a procedure, condition, location or physician"
    )


def test_suggestions_appear_as_you_type_and_open_with_the_keyboard(page, live_site, viewport):
    page.goto("/search/")
    box = search_box(page)
    box.focus()
    page.keyboard.type("micro", delay=50)

    suggestions = page.get_by_role("listbox", name="Suggestions")
    expect(suggestions).to_be_visible()
    option = suggestions.get_by_role("option", name="Microdiscectomy Procedure")
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert_no_serious_axe_violations(
        page, f"/search/ with suggestions open at the {viewport} width"
    )

    # Down to the procedure, whatever comes before it, then Enter opens it.
    for _ in range(suggestions.get_by_role("option").count()):
        page.keyboard.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_site.url("/procedures/microdiscectomy/"))


# One width is enough here: the widths' layouts are checked with the suggestions open above.
@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_escape_closes_the_suggestions_and_enter_searches(page, live_site, viewport):
    page.goto("/search/")
    box = search_box(page)
    box.focus()
    page.keyboard.type("spinal stenosis", delay=30)
    suggestions = page.get_by_role("listbox", name="Suggestions")
    expect(suggestions).to_be_visible()
    page.keyboard.press("Escape")
    expect(suggestions).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", level=2, name="results for “spinal stenosis”")
    ).to_be_visible()
    first = page.locator("li.search-result").first
    expect(first.get_by_role("link", name="Spinal Stenosis")).to_be_visible()
    expect(first.locator("mark").first).to_have_text("spinal", ignore_case=True)
    assert_no_serious_axe_violations(page, f"/search/?q=spinal+stenosis at the {viewport} width")
