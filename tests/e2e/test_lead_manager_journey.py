"""A visitor sends the MRI review form with their report; a lead manager finds the lead by
the visitor's name in the inbox, marks it contacted, adds a note, downloads the report
under the visitor's own file name, and finds all three in the lead's access log, the
note's text in none of it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import LEAD_MANAGER_PASSWORD, LEAD_MANAGER_USERNAME
from tests.e2e.test_admin_languages_and_brands import log_in
from tests.leads.helpers import PDF_BYTES

pytestmark = pytest.mark.e2e

FORM_PATH = "/free-mri-ct-review/"
FORM_TITLE = "Free MRI/CT Review"
VISITOR = "Rosa Muñoz Example"
# A name with a space and an accent: it must survive the download header whole.
FILE_NAME = "Resonancia lumbar Muñoz.pdf"
REPORT = {"name": FILE_NAME, "mimeType": "application/pdf", "buffer": PDF_BYTES}
NOTE = "Called back; she prefers mornings. Scan to Dr. Patel."


def send_the_form(page):
    page.goto(FORM_PATH)
    page.get_by_label("Full name").fill(VISITOR)
    page.get_by_label("Email").fill("rosa.example@example.com")
    page.get_by_label("Symptoms").fill("Pain in the left leg when walking, for a year.")
    page.get_by_label("MRI or CT report or images").set_input_files(REPORT)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_contain_text("We will answer you by email")


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_lead_manager_works_a_lead_and_finds_each_step_in_the_access_log(
    page, live_site, viewport, tmp_path
):
    send_the_form(page)

    log_in(page, live_site, LEAD_MANAGER_USERNAME, LEAD_MANAGER_PASSWORD)
    page.get_by_role("link", name="Lead submissions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lead submissions")
    # The affiliate brand has a form of the same name (the index names no site): the one
    # with new leads is the network's, and its count opens them.
    form_row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name=FORM_TITLE, exact=True)
    )
    form_row.get_by_role("link", name=re.compile(r"^\d+$")).click()
    expect(page.get_by_role("link", name="New (", exact=False)).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("link", name=VISITOR, exact=True).first.click()  # newest first
    details = page.locator("dl")
    expect(details).to_contain_text(VISITOR)
    expect(page.get_by_role("link", name="rosa.example@example.com")).to_have_attribute(
        "href", "mailto:rosa.example@example.com"
    )

    handling = page.get_by_role("form", name="Handling")
    handling.get_by_label("Status").select_option(label="Contacted")
    handling.get_by_role("button", name="Save status and assignee").click()
    expect(page.get_by_text("The lead was updated.")).to_be_visible()
    expect(details).to_contain_text("Contacted")

    page.get_by_label("Add a note").fill(NOTE)
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("The note was added.")).to_be_visible()
    expect(page.locator(".lead-notes")).to_contain_text(NOTE)

    with page.expect_download() as downloading:
        page.get_by_role("link", name=FILE_NAME).click()
    download = downloading.value
    assert download.suggested_filename == FILE_NAME
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == PDF_BYTES

    page.get_by_role("link", name="Access log of this submission").click()
    entries = page.get_by_role("table").locator("tbody tr")
    for action, detail in [
        ("Changed the status", "new → contacted"),
        ("Added a note", re.compile(r"^note \d+$")),
        ("Downloaded a file", ""),
    ]:
        entry = entries.filter(has=page.get_by_role("cell", name=action, exact=True))
        expect(entry).to_have_count(1)
        expect(entry).to_contain_text(LEAD_MANAGER_USERNAME)
        expect(entry.locator("td").nth(5)).to_have_text(detail)
    expect(page.get_by_role("main")).not_to_contain_text(NOTE)
