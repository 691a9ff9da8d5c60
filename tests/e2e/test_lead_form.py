"""A visitor asks for a free MRI/CT review: a mistake is pointed out next to its field, the
rest of what they typed stays, the file is asked for again, and the second try goes through.
The form page passes axe-core and fetches nothing from other sites."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_serious_axe_violations, save_screenshot
from tests.leads.helpers import PDF_BYTES

pytestmark = pytest.mark.e2e

FORM_PATH = "/free-mri-ct-review/"
REPORT = {"name": "mri-report.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}


def test_the_mri_review_form_is_accessible(page, viewport, outside_requests):
    response = page.goto(FORM_PATH)
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Free MRI/CT Review")
    save_screenshot(page, f"lead-form-{viewport}")
    assert_no_serious_axe_violations(page, f"{FORM_PATH} at the {viewport} width")
    assert outside_requests == []


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_visitor_corrects_a_mistake_and_sends_the_form(page, outside_requests):
    page.goto(FORM_PATH)
    page.get_by_label("Full name").fill("Jordan Example")
    page.get_by_label("Email").fill("jordan-at-example")
    page.get_by_label("Symptoms").fill("Lower back pain down the right leg for six months.")
    page.get_by_label("MRI or CT report or images").set_input_files(REPORT)
    page.get_by_role("button", name="Send").click()

    expect(page.locator("[data-error-summary]")).to_contain_text("Please check the form")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_errors")).to_contain_text("Enter a valid email address")
    expect(page.get_by_label("Full name")).to_have_value("Jordan Example")
    expect(page.get_by_label("Symptoms")).to_have_value(
        "Lower back pain down the right leg for six months."
    )
    expect(page.locator("#id_mri_or_ct_report_or_images_again")).to_contain_text(
        "please choose your file again"
    )
    assert_no_serious_axe_violations(page, f"{FORM_PATH} with errors")

    email.fill("jordan@example.com")
    page.get_by_label("MRI or CT report or images").set_input_files(REPORT)
    page.get_by_role("button", name="Send").click()

    # No phone number was given: the page promises an email, not a call.
    expect(page.get_by_role("status")).to_contain_text("We will answer you by email")
    expect(page.get_by_role("status")).not_to_contain_text("will call you")
    assert outside_requests == []
