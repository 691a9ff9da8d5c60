"""Lead forms that never fight back, in a real browser: on a phone a form sent with mistakes
puts the focus on its error summary, whose every link moves the focus to its field, and a
phone number that is not a US one is refused with an example; on a 320 px screen no lead form
page, and no thank-you page, scrolls sideways.

The lead form pages come from the content API (every live form of the site, in every
language), so a new form is covered without editing this file. The thank-you pages are
reached through the honeypot, which shows the thank-you page without counting against the
rate limit that the other journeys' real submissions share.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FORM_PATH = "/free-mri-ct-review/"
SMALLEST_SCREEN = {"width": 320, "height": 700}
PHONE_MESSAGE = "Enter a US phone number, like (214) 555-0100."


def lead_form_urls(page):
    response = page.request.get("/api/v2/pages/?type=leads.LeadFormPage&fields=_,html_url&limit=50")
    assert response.ok
    urls = [item["meta"]["html_url"] for item in response.json()["items"]]
    assert urls, "the demo has no live lead form"
    return urls


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_form_sent_with_mistakes_leads_the_visitor_to_each_of_them(page, outside_requests):
    page.goto(FORM_PATH)
    page.get_by_label("Full name").fill("Jordan Example")
    page.get_by_label("Phone").fill("12345")
    page.get_by_role("button", name="Send").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Free MRI/CT Review"))
    expect(page.locator("#id_phone_errors")).to_have_text(PHONE_MESSAGE)
    expect(summary).to_contain_text(PHONE_MESSAGE)
    expect(page.get_by_label("Full name")).to_have_value("Jordan Example")

    links = summary.get_by_role("link")
    assert links.count() == 4  # email, phone, symptoms, file: the name was given
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        expect(page.locator(f"[id='{target}']")).to_be_focused()
        expect(page.locator(f"[id='{target}']")).to_have_attribute("aria-invalid", "true")
    assert outside_requests == []


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_no_lead_form_or_thank_you_page_scrolls_sideways_at_320_px(page, outside_requests):
    page.set_viewport_size(SMALLEST_SCREEN)
    too_wide = {}
    for url in lead_form_urls(page):
        page.goto(url)
        too_wide[url] = page_width(page)
        page.locator("[name=homepage_url]").evaluate("input => { input.value = 'filled'; }")
        page.locator(".lead-form button[type=submit]").click()
        expect(page.get_by_role("status")).to_be_visible()
        too_wide[f"{url} (thank-you page)"] = page_width(page)
    assert {url: width for url, width in too_wide.items() if width > 320} == {}
    assert outside_requests == []
