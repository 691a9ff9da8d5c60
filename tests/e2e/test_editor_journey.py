"""An editor logs in to the Wagtail admin, builds a procedure page from blocks, publishes it
and finds it on the site."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    assert_no_serious_axe_violations,
    save_screenshot,
)

pytestmark = pytest.mark.e2e

TITLE = "Endoscopic Discectomy"
PUBLIC_PATH = "/procedures/endoscopic-discectomy/"
SUMMARY = "Removes herniated disc material through an incision of less than a centimetre."
INTRODUCTION = "An endoscopic discectomy removes the disc fragments that press on a nerve."
BENEFITS_HEADING = "Benefits of Endoscopic Discectomy"
BENEFIT_TITLE = "Tiny incision"
BENEFIT_TEXT = "The incision is less than a centimetre long."
RECOVERY_HEADING = "Recovery after Endoscopic Discectomy"
RECOVERY_INTRO = "Most patients walk out on the day of the procedure."
STEP_WHEN = "First week"
STEP_WHAT = "Short walks several times a day."
CALL_TO_ACTION = "Request a Free Info Kit"  # a snippet from the demo content
CALL_TO_ACTION_BUTTON = "Request my info kit"


def type_rich_text(page, editor, text):
    """Type into a Draftail rich text editor, as an editor does."""
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)


def add_block(page, label):
    """Add a block at the end of the body StreamField through its block chooser."""
    page.locator("#body-root .c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


@pytest.mark.parametrize("viewport", ["desktop"])
def test_editor_creates_publishes_and_sees_a_procedure_page(page, live_site, viewport):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_site.url("/admin/"))

    # Through the page explorer to the Procedures index, then "Add child page". The index
    # allows only procedure pages, so Wagtail opens that form straight away.
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Explore child pages of 'Home'").click()
    page.get_by_role("link", name="Explore child pages of 'Procedures'").click()
    page.get_by_role("link", name="Add child page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/procedures/procedurepage/\d+/$"))

    page.get_by_placeholder("Page title*").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    type_rich_text(
        page, page.locator('[data-contentpath="introduction"] [role="textbox"]'), INTRODUCTION
    )
    page.locator("#id_procedure_type").select_option(label="Minimally invasive")
    page.locator("#id_body_region").select_option(label="Lumbar (lower back)")

    add_block(page, "Benefits")  # a list block that starts with one item
    page.locator("#body-0-value-heading").fill(BENEFITS_HEADING)
    page.locator("#body-0-value-items-0-value-title").fill(BENEFIT_TITLE)
    page.locator("#body-0-value-items-0-value-text").fill(BENEFIT_TEXT)

    add_block(page, "Recovery")  # its timeline starts with one step
    page.locator("#body-1-value-heading").fill(RECOVERY_HEADING)
    type_rich_text(
        page,
        page.locator('[data-streamfield-widget]:has(#body-1-value-intro) [role="textbox"]'),
        RECOVERY_INTRO,
    )
    page.locator("#body-1-value-timeline-0-value-when").fill(STEP_WHEN)
    page.locator("#body-1-value-timeline-0-value-what_to_expect").fill(STEP_WHAT)

    add_block(page, "Call to action")
    page.locator("#body-2-value-call_to_action-chooser").get_by_role(
        "button", name="Choose call to action"
    ).click()
    page.get_by_role("dialog").get_by_role("link", name=CALL_TO_ACTION).click()
    expect(page.locator("#body-2-value-call_to_action-title")).to_have_text(CALL_TO_ACTION)

    # Wagtail autosaves a draft shortly after each change; the first autosave creates the
    # page and points the form at its edit view. Publishing while that first autosave is
    # still on its way would post a second "create" with the same slug and be refused, so,
    # like an editor, wait until the header reports the draft saved.
    expect(page.locator("form#page-edit-form")).to_have_attribute(
        "action", re.compile(r"/admin/pages/\d+/edit/$")
    )
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    save_screenshot(page, "admin-procedure-editor-desktop")

    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(re.compile(f"Page '{TITLE}' .*published"))).to_be_visible()

    response = page.goto(PUBLIC_PATH)
    assert response.status == 200
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(INTRODUCTION)
    facts = page.get_by_role("region", name="At a glance")
    expect(facts).to_contain_text("Minimally invasive")
    expect(facts).to_contain_text("Lumbar (lower back)")

    expect(main.get_by_role("heading", name=BENEFITS_HEADING)).to_be_visible()
    expect(main).to_contain_text(BENEFIT_TITLE)
    expect(main).to_contain_text(BENEFIT_TEXT)

    expect(main.get_by_role("heading", name=RECOVERY_HEADING)).to_be_visible()
    expect(main).to_contain_text(RECOVERY_INTRO)
    expect(main).to_contain_text(STEP_WHEN)
    expect(main).to_contain_text(STEP_WHAT)

    call_to_action = main.get_by_role("region", name=CALL_TO_ACTION)
    expect(call_to_action.get_by_role("link", name=CALL_TO_ACTION_BUTTON)).to_have_attribute(
        "href", "/free-info-kit/"
    )
    save_screenshot(page, "editor-created-procedure-desktop")
    assert_no_serious_axe_violations(page, f"{PUBLIC_PATH}, made in the admin")

    page.goto("/procedures/")
    page.get_by_role("main").get_by_role("link", name=TITLE, exact=True).click()
    expect(page).to_have_url(live_site.url(PUBLIC_PATH))

    api = page.request.get(live_site.url("/api/v2/pages/find/"), params={"html_path": PUBLIC_PATH})
    assert api.status == 200
    data = api.json()
    assert data["title"] == TITLE
    assert data["page_url"] == live_site.url(PUBLIC_PATH)
    body = {block["type"]: block["value"] for block in data["body"]}
    assert body["benefits"]["items"][0]["title"] == BENEFIT_TITLE
    assert body["recovery"]["timeline"][0]["when"] == STEP_WHEN
    assert body["call_to_action"]["label"] == CALL_TO_ACTION_BUTTON
