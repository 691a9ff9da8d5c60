"""An editor logs in to the Wagtail admin, builds a procedure page from its outline in at
most 15 clicks, publishes it and finds it on the site."""

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
CONDITIONS_HEADING = "What Endoscopic Discectomy Treats"
BENEFITS_HEADING = "Benefits of Endoscopic Discectomy"
BENEFITS = [
    ("Tiny incision", "The incision is less than a centimetre long."),
    ("Same-day discharge", "Most patients go home on the day of the procedure."),
    ("Little blood loss", "The endoscope spares the muscles around the spine."),
]
DETAILS_HEADING = "Details of the Endoscopic Discectomy"
DETAILS = "A surgeon removes the fragments through an endoscope."
PREPARATION_HEADING = "Preparing for the Endoscopic Discectomy"
PREPARATION = "Bring your latest MRI report."
RECOVERY_HEADING = "Recovery after Endoscopic Discectomy"
RECOVERY_INTRO = "Most patients walk out on the day of the procedure."
TESTIMONIAL = re.compile(r"^Larry L\.")  # a snippet from the demo content
CALL_TO_ACTION = "Request a Free Info Kit"  # a snippet from the demo content
CALL_TO_ACTION_BUTTON = "Request my info kit"
#: Issue #20: building a procedure page from its outline takes at most this many clicks.
MAX_CLICKS = 15


class Clicks:
    """Clicks an editor makes, counted (typing into a field is not a click)."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        locator.click()
        self.count += 1


def replace_rich_text(page, click, editor, text):
    """Replace the outline's guidance in a Draftail rich text editor, as an editor does."""
    click(editor)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    expect(editor).to_have_text(text)


def rich_text_editor(page, input_id):
    return page.locator(f'[data-streamfield-widget]:has(#{input_id}) [role="textbox"]')


@pytest.mark.parametrize("viewport", ["desktop"])
def test_editor_builds_a_procedure_page_from_its_outline_and_publishes_it(
    page, live_site, viewport
):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_site.url("/admin/"))

    click = Clicks()
    # Through the page explorer to the Procedures index, then "Add child page". The index
    # allows only procedure pages, so Wagtail opens that form straight away.
    page.goto("/admin/pages/")
    click(page.get_by_role("link", name="Explore child pages of 'Home'"))
    click(page.get_by_role("link", name="Explore child pages of 'Procedures'"))
    click(page.get_by_role("link", name="Add child page"))
    expect(page).to_have_url(re.compile(r"/admin/pages/add/procedures/procedurepage/\d+/$"))

    page.get_by_placeholder("Page title*").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    replace_rich_text(
        page,
        click,
        page.locator('[data-contentpath="introduction"] [role="textbox"]'),
        INTRODUCTION,
    )
    page.locator("#id_procedure_type").select_option(label="Minimally invasive")
    page.locator("#id_body_region").select_option(label="Lumbar (lower back)")

    # The body starts with the site's outline: what it treats, benefits, details,
    # preparing, recovery, testimonials and a call to action, its text guidance to replace.
    expect(page.locator("#body-0-value-heading")).to_have_value(re.compile(r"^\[Replace:"))
    page.locator("#body-0-value-heading").fill(CONDITIONS_HEADING)
    page.locator("#body-1-value-heading").fill(BENEFITS_HEADING)
    for index, (title, text) in enumerate(BENEFITS):
        page.locator(f"#body-1-value-items-{index}-value-title").fill(title)
        page.locator(f"#body-1-value-items-{index}-value-text").fill(text)
    page.locator("#body-2-value-heading").fill(DETAILS_HEADING)
    replace_rich_text(page, click, rich_text_editor(page, "body-2-value-text"), DETAILS)
    page.locator("#body-3-value-heading").fill(PREPARATION_HEADING)
    replace_rich_text(page, click, rich_text_editor(page, "body-3-value-text"), PREPARATION)
    page.locator("#body-4-value-heading").fill(RECOVERY_HEADING)
    replace_rich_text(page, click, rich_text_editor(page, "body-4-value-intro"), RECOVERY_INTRO)

    click(
        page.locator("#body-5-value-testimonials-0-value-chooser").get_by_role(
            "button", name="Choose testimonial"
        )
    )
    click(page.get_by_role("dialog").get_by_role("link", name=TESTIMONIAL))
    click(
        page.locator("#body-6-value-call_to_action-chooser").get_by_role(
            "button", name="Choose call to action"
        )
    )
    click(page.get_by_role("dialog").get_by_role("link", name=CALL_TO_ACTION))
    expect(page.locator("#body-6-value-call_to_action-title")).to_have_text(CALL_TO_ACTION)

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
    click(actions.get_by_role("button", name="More actions"))
    click(actions.get_by_role("button", name="Publish", exact=True))
    expect(page.get_by_text(re.compile(f"Page '{TITLE}' .*published"))).to_be_visible()
    assert click.count <= MAX_CLICKS

    response = page.goto(PUBLIC_PATH)
    assert response.status == 200
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(INTRODUCTION)
    facts = page.get_by_role("region", name="At a glance")
    expect(facts).to_contain_text("Minimally invasive")
    expect(facts).to_contain_text("Lumbar (lower back)")

    expect(main.get_by_role("heading", name=BENEFITS_HEADING)).to_be_visible()
    for title, text in BENEFITS:
        expect(main).to_contain_text(title)
        expect(main).to_contain_text(text)
    expect(main.get_by_role("heading", name=RECOVERY_HEADING)).to_be_visible()
    expect(main).to_contain_text(RECOVERY_INTRO)
    expect(main).not_to_contain_text("[Replace:")

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
    assert body["benefits"]["items"][0]["title"] == BENEFITS[0][0]
    assert body["procedure_details"]["heading"] == DETAILS_HEADING
    assert body["call_to_action"]["label"] == CALL_TO_ACTION_BUTTON
