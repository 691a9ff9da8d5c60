"""In the admin, language and brand never leak: a translator who submits a page with regulated
text gets a message and a draft, an editor of one brand (the demo's affiliate editor) can
relate only that brand's pages, and an editor of the network writing a Spanish page is offered
only the network's Spanish pages (or their English originals) to link."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from demo.site import SITE_NAME
from demo.sites import AFFILIATE_EDITOR, AFFILIATE_HOSTNAME, AFFILIATE_NAME
from tests.e2e.helpers import EDITOR_PASSWORD, EDITOR_USERNAME

pytestmark = pytest.mark.e2e

CONDITION = "Herniated Disc"
AFFILIATE_EDITOR_PASSWORD = "lone star editor passphrase"
NETWORK_EDITOR = "network-brand-editor"
NETWORK_EDITOR_PASSWORD = "spanish pages passphrase"


def type_rich_text(page, editor, text):
    """Type into a Draftail rich text editor, as an editor does."""
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)


def log_in(page, live_site, username=EDITOR_USERNAME, password=EDITOR_PASSWORD):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_site.url("/admin/"))


def log_in_as_the_affiliates_editor(page, live_site):
    """The demo gives the affiliate's editor no password: the administrator sets one first."""
    log_in(page, live_site)
    page.goto(f"/admin/users/?q={AFFILIATE_EDITOR}")
    page.get_by_role("link", name="Lone Star Editor").click()
    page.get_by_label("Password", exact=True).fill(AFFILIATE_EDITOR_PASSWORD)
    page.get_by_label("Password confirmation").fill(AFFILIATE_EDITOR_PASSWORD)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile("User '.*' updated"))).to_be_visible()
    page.context.clear_cookies()
    log_in(page, live_site, AFFILIATE_EDITOR, AFFILIATE_EDITOR_PASSWORD)


def log_in_as_a_new_editor_of_the_network(page, live_site):
    """The administrator adds an editor to the network brand's editors; the editor logs in."""
    log_in(page, live_site)
    page.goto("/admin/users/new/")
    page.get_by_label("Username").fill(NETWORK_EDITOR)
    page.get_by_label("Email").fill(f"{NETWORK_EDITOR}@example.com")
    page.locator("#id_password1").fill(NETWORK_EDITOR_PASSWORD)
    page.locator("#id_password2").fill(NETWORK_EDITOR_PASSWORD)
    page.get_by_role("tab", name="Roles").first.click()
    page.get_by_label(f"Brand editors: {SITE_NAME}").check()
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text(f"User '{NETWORK_EDITOR}' created.")).to_be_visible()
    page.context.clear_cookies()
    log_in(page, live_site, NETWORK_EDITOR, NETWORK_EDITOR_PASSWORD)


def start_a_procedure(page, title, slug_hint, home="Home"):
    """Open "Add child page" under a site's English procedures and fill the facts."""
    page.goto("/admin/pages/")
    explore_home = page.get_by_role("link", name=f"Explore child pages of '{home}'")
    if explore_home.count():  # an editor of one brand starts at that brand's home
        explore_home.click()
    page.get_by_role("link", name="Explore child pages of 'Procedures'").click()
    page.get_by_role("link", name="Add child page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/procedures/procedurepage/\d+/$"))
    page.get_by_placeholder("Page title*").fill(title)
    page.locator("#id_summary").fill(f"{slug_hint}: a summary for cards.")
    type_rich_text(
        page,
        page.locator('[data-contentpath="introduction"] [role="textbox"]'),
        f"{title} explained.",
    )
    page.locator("#id_procedure_type").select_option(label="Minimally invasive")
    page.locator("#id_body_region").select_option(label="Lumbar (lower back)")
    return remove_the_outline(page)


def remove_the_outline(page):
    """These journeys build a body of their own: delete the blocks of the site's outline
    (whose guidance would refuse publishing); the number of the next block."""
    outline_blocks = int(page.locator('input[name="body-count"]').input_value())
    for index in range(outline_blocks):
        block = page.locator(f'[data-streamfield-child]:has(> input[name="body-{index}-deleted"])')
        block.get_by_role("button", name="Delete", exact=True).first.click()
        expect(block.locator(f'input[name="body-{index}-deleted"]')).to_have_value("1")
    return outline_blocks


def save_and_publish(page, title):
    """Save a draft, then publish it from the page's edit view; the page's id."""
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page_id = edited_page_id(page)
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(re.compile(f"Page '{title}' .*published"))).to_be_visible()
    return page_id


def edited_page_id(page):
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_translator_submits_a_page_with_risks_and_gets_a_message_and_a_draft(
    page, live_site, viewport
):
    title = "Spinal Cord Stimulator Trial"
    log_in(page, live_site)
    risks = start_a_procedure(page, title, "Stimulator trial")
    page.locator("#body-root .c-sf-add-button").last.click()
    page.get_by_role("option", name="Risks", exact=True).click()
    page.locator(f"#body-{risks}-value-heading").fill("Risks of the trial")
    type_rich_text(
        page,
        page.locator(f'[data-streamfield-widget]:has(#body-{risks}-value-text) [role="textbox"]'),
        "Leads can move and infection is possible.",
    )
    # Draftail hands its text to the form's field a moment later; save once it has.
    expect(page.locator(f"#body-{risks}-value-text")).to_have_value(re.compile("Leads can move"))
    page_id = save_and_publish(page, title)

    page.goto(f"/admin/localize/submit/page/{page_id}/")
    page.get_by_label("Español").check()
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_text("successfully submitted for translation into Español")).to_be_visible()
    # The translation editor of the Spanish draft, its regulated text still to translate.
    expect(page.get_by_role("heading", name="English to Español translation")).to_be_visible()
    spanish_id = edited_page_id(page)
    assert spanish_id != page_id  # the Spanish draft's editor
    status = page.request.get(live_site.url(f"/api/v2/pages/{spanish_id}/")).status
    assert status == 404  # a draft: not public until it is translated and published


@pytest.mark.parametrize("viewport", ["desktop"])
def test_an_editor_of_one_brand_can_relate_only_that_brands_pages(page, live_site, viewport):
    title = "Endoscopic Foraminoplasty"
    log_in_as_the_affiliates_editor(page, live_site)
    start_a_procedure(page, title, "Foraminoplasty", home=AFFILIATE_NAME)

    page.get_by_role("button", name="Add condition").click()
    page.get_by_role("button", name="Choose a page (Condition page)").click()
    dialog = page.get_by_role("dialog")
    # It opens at the conditions the brand shows (their originals, which it shows through its
    # aliases), not at the root of every site.
    expect(dialog.get_by_role("link", name=CONDITION, exact=True)).to_be_visible()
    dialog.get_by_role("textbox", name="Search term").fill("Herniated")
    results = dialog.locator(".page-results tbody tr")
    expect(results).to_have_count(1)
    expect(results).not_to_contain_text("Lone Star")
    dialog.get_by_role("link", name=CONDITION, exact=True).click()
    expect(page.get_by_text(CONDITION, exact=True).first).to_be_visible()
    save_and_publish(page, title)

    # The brand's page, on the brand's host, links the brand's own condition page.
    port = urlsplit(live_site.base_url).port
    response = page.request.get(
        live_site.url("/procedures/endoscopic-foraminoplasty/"),
        headers={"host": f"{AFFILIATE_HOSTNAME}:{port}"},
    )
    assert response.status == 200
    condition_links = re.findall(r'href="([^"]*/conditions/herniated-disc/)"', response.text())
    assert condition_links
    for href in condition_links:
        assert re.match(rf"^(/|http://{re.escape(AFFILIATE_HOSTNAME)}:{port}/)conditions/", href)


def search_the_chooser(dialog, query):
    """A chooser's search results, once it has answered."""
    dialog.get_by_role("textbox", name="Search term").fill(query)
    results = dialog.locator(".page-results")
    expect(results).to_contain_text(re.compile(r"There (is|are) \d+ match"))
    return results


def expect_the_networks_condition_once(dialog):
    """The chooser finds the network's condition once (in English, the fallback a Spanish page
    may link), and not the affiliate's alias of it as well."""
    condition = dialog.page.get_by_role("link", name=CONDITION, exact=True)
    found = search_the_chooser(dialog, CONDITION).locator("tbody tr").filter(has=condition)
    expect(found).to_have_count(1)
    expect(found).to_contain_text("English")


@pytest.mark.parametrize("viewport", ["desktop"])
def test_an_editor_of_one_brand_links_only_that_brands_pages_from_a_spanish_page(
    page, live_site, viewport
):
    log_in_as_a_new_editor_of_the_network(page, live_site)
    [spanish_procedures] = page.request.get(
        live_site.url("/api/v2/pages/?type=procedures.ProcedureIndexPage&locale=es")
    ).json()["items"]
    page.goto(f"/admin/pages/add/procedures/procedurepage/{spanish_procedures['id']}/")
    next_block = int(page.locator('input[name="body-count"]').input_value())

    # A block's page chooser opens at the network's Spanish conditions.
    page.locator("#body-root .c-sf-add-button").last.click()
    page.get_by_role("option", name="Conditions treated", exact=True).click()
    block = page.locator(f'[data-streamfield-child]:has(> input[name="body-{next_block}-deleted"])')
    block.get_by_role("button", name="Choose a page (Condition page)").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("link", name="Estenosis espinal", exact=True)).to_be_visible()
    expect(dialog.locator(".page-results")).not_to_contain_text("Spinal Stenosis")
    expect_the_networks_condition_once(dialog)
    dialog.get_by_role("button", name="Close").click()

    # The rich text's link chooser opens at the network's Spanish home, keeps its scope through
    # the other link types, and finds nothing of the affiliate.
    introduction = page.locator('[data-contentpath="introduction"] [role="textbox"]')
    type_rich_text(page, introduction, "Vea la afección")
    page.keyboard.press("Shift+Home")
    page.get_by_role("button", name=re.compile("^Link")).first.click()
    expect(dialog.get_by_role("link", name="Afecciones", exact=True)).to_be_visible()
    dialog.get_by_role("link", name="External link").click()
    dialog.get_by_role("link", name="Internal link").click()
    expect(dialog.get_by_role("link", name="Afecciones", exact=True)).to_be_visible()
    expect_the_networks_condition_once(dialog)
    expect(search_the_chooser(dialog, AFFILIATE_NAME)).to_contain_text("There are 0 matches")
