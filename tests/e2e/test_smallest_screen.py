"""No page scrolls sideways on a 320 px screen (#23 "Proof"), and no heading wraps inside a
word there ("Laminotomy/Lamin ectomy"): a page of every page type the site serves (from the
page-type registry, so a new type is covered without editing this file) in each language the
demo has one in, the finder's answer, search results and a 404. Each is saved as a screenshot
artifact beside the 390 and 1280 px ones of test_accessibility.py.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.e2e.helpers import OTHER_PAGES, save_screenshot, site_page_types

pytestmark = pytest.mark.e2e

SMALLEST_SCREEN = {"width": 320, "height": 700}
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


@pytest.mark.parametrize("model", site_page_types(), ids=lambda model: model._meta.label)
@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_no_page_type_scrolls_sideways_at_320_px(page, model):
    paths = paths_by_language(page, model._meta.label)
    assert paths, f"the demo content has no page of type {model._meta.label}"
    for language, path in paths.items():
        check_width(page, f"{model._meta.model_name}-{language}", path)


@pytest.mark.parametrize(
    ("name", "path", "_status"), OTHER_PAGES, ids=[name for name, _, _ in OTHER_PAGES]
)
@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_no_other_page_scrolls_sideways_at_320_px(page, name, path, _status):
    check_width(page, name, path)


def paths_by_language(page, label):
    """The path of the demo's first page of the type in each language that has one."""
    paths = {}
    for language in LANGUAGES:
        answer = page.request.get(f"/api/v2/pages/?type={label}&locale={language}&limit=1")
        assert answer.ok, answer.text()
        items = answer.json()["items"]
        if items:
            paths[language] = urlsplit(items[0]["meta"]["html_url"]).path
    return paths


def check_width(page, name, path):
    page.set_viewport_size(SMALLEST_SCREEN)
    page.goto(path)
    page.wait_for_load_state("load")
    save_screenshot(page, f"{name}-320")
    width = page.evaluate("document.documentElement.scrollWidth")
    wider = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(element => element.tagName.toLowerCase() + "." + element.className)
            .slice(0, 5)"""
    )
    assert width <= SMALLEST_SCREEN["width"], f"{path} is {width} px wide at 320 px: {wider}"
    cut = page.evaluate(HEADINGS_CUT_INSIDE_A_WORD)
    assert not cut, f"{path}: headings wrap inside a word at 320 px: {cut}"


# Walks each heading's characters: where one starts a new line right after a letter or a
# digit, with no space or slash between them, the browser has cut a word in two.
HEADINGS_CUT_INSIDE_A_WORD = """() => {
    const wordCharacter = /[\\p{L}\\p{N}]/u;
    const cut = [];
    for (const heading of document.querySelectorAll("h1, h2, h3")) {
        let previous = null;
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let index = 0; index < node.length; index++) {
                const range = document.createRange();
                range.setStart(node, index);
                range.setEnd(node, index + 1);
                // Collapsed white space has no box, but still separates words.
                const box = range.getClientRects()[0];
                const character = node.data[index];
                if (box && previous && box.top > previous.top + 1
                    && wordCharacter.test(previous.character) && wordCharacter.test(character)) {
                    cut.push(heading.textContent.trim().replace(/\\s+/g, " "));
                }
                previous = {character, top: box ? box.top : previous?.top ?? 0};
            }
        }
    }
    return [...new Set(cut)];
}"""
