"""A translator into Spanish, who may edit Spanish pages and nothing else, opens the
translation editor of the Spanish Lumbar Foraminotomy page, finds each benefit's segments
named by block and field ("Benefit 2 › Benefit title"), retranslates one and saves it.
The Spanish draft (the editor's preview) has it; the live page keeps the published text
until someone who may publish does."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accounts import TRANSLATOR_PASSWORD, TRANSLATOR_USERNAME
from tests.e2e.test_admin_languages_and_brands import log_in

pytestmark = pytest.mark.e2e

SPANISH_PATH = "/es/procedimientos/foraminotomia-lumbar/"
SPANISH_TITLE = "Foraminotomía lumbar"
# The demo's second benefit, its published Spanish title, and the translator's new one.
SEGMENT = "Benefit 2 › Benefit title"
SOURCE = "Outpatient"
PUBLISHED = "Ambulatorio"
RETRANSLATED = "Sin hospitalización"
OTHER_LABELS = ["Benefit 1 › Benefit title", "Benefit 2 › Benefit text", "Heading"]
# wagtail-localize saves each segment's translation on its own (a PUT from the editor).
SEGMENT_SAVE = re.compile(r"/admin/localize/translate/\d+/strings/\d+/edit/$")


def segment(page, label):
    """The translation editor's row of one segment: its label heading, source and value."""
    return page.locator(f"xpath=//li[h4[normalize-space()='{label}']]")


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_translator_finds_a_benefit_by_its_label_and_retranslates_it(page, live_site, viewport):
    log_in(page, live_site, TRANSLATOR_USERNAME, TRANSLATOR_PASSWORD)
    # The explorer opens at the Spanish home page, the only part the translator may edit.
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Explore child pages of 'Procedimientos'").click()
    page.get_by_role("link", name=SPANISH_TITLE, exact=True).click()
    expect(page.get_by_role("heading", name="English to Español translation")).to_be_visible()

    for label in OTHER_LABELS:
        expect(segment(page, label).first).to_be_visible()
    row = segment(page, SEGMENT)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(SOURCE)
    expect(row).to_contain_text(PUBLISHED)
    row.get_by_role("button", name="Edit").click()
    row.get_by_role("textbox").fill(RETRANSLATED)
    with page.expect_response(SEGMENT_SAVE) as saved:
        row.get_by_role("button", name="Save").click()
    assert saved.value.ok
    expect(row).to_contain_text(RETRANSLATED)

    # Saved on the server: it is there when the editor opens again, and in the preview
    # of the Spanish draft.
    page.reload()
    expect(segment(page, SEGMENT)).to_contain_text(RETRANSLATED)
    preview_url = page.get_by_role("link", name="Preview").first.get_attribute("href")
    page.goto(preview_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(SPANISH_TITLE)
    expect(page.get_by_role("main")).to_contain_text(RETRANSLATED)

    live = page.request.get(live_site.url(SPANISH_PATH))
    assert live.status == 200
    assert PUBLISHED in live.text()
    assert RETRANSLATED not in live.text()
