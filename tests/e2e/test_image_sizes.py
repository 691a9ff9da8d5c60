"""Every image of a page (heroes, cards, portraits, body images) loads the smallest size that
fills it (#23 "responsive sizes that match the layout"): a picture's `sizes` must follow the
layout, side panel included, or the browser fetches a larger file than the screen shows (or
a smaller one, blurred).

For a demo page of every page type the site serves (the page-type registry), at the widths
where the layout changes (docs/design.md "Breakpoints").
"""

from urllib.parse import urlsplit

import pytest

from tests.e2e.helpers import site_page_types

pytestmark = pytest.mark.e2e

WIDTHS = [390, 800, 1000, 1024, 1200, 1280, 1600]

# Lazy images are made eager: `sizes`, not the scroll position, decides which file they take.
PICTURES = """async () => {
    const images = [...document.querySelectorAll("picture img")];
    images.forEach(image => { image.loading = "eager"; });
    await Promise.all(images.map(image => image.decode().catch(() => null)));
    return images.filter(image => image.getBoundingClientRect().width > 0).map(image => {
        const source = image.closest("picture").querySelector("source") || image;
        const candidates = source.getAttribute("srcset").split(",").map(candidate => {
            const [url, width] = candidate.trim().split(/\\s+/);
            return {url: new URL(url, location.href).href, width: parseInt(width)};
        });
        return {
            name: image.className || image.closest("[class]").className,
            shown: image.getBoundingClientRect().width * devicePixelRatio,
            loaded: image.currentSrc,
            candidates,
        };
    });
}"""


def demo_paths(page):
    """A demo page of each page type the site serves, preferring one with a hero image."""
    paths = {}
    for model in site_page_types():
        fields = "&fields=hero_image" if hasattr(model, "hero_image") else ""
        answer = page.request.get(f"/api/v2/pages/?type={model._meta.label}&limit=50{fields}")
        assert answer.ok, answer.text()
        items = answer.json()["items"]
        items.sort(key=lambda item: not item.get("hero_image"))
        if items:
            paths[model._meta.label] = urlsplit(items[0]["meta"]["html_url"]).path
    return paths


def best_candidate(picture):
    enough = [c for c in picture["candidates"] if c["width"] >= picture["shown"]]
    if enough:
        return min(enough, key=lambda c: c["width"])
    return max(picture["candidates"], key=lambda c: c["width"])


def pictures_at(browser, live_site, path, width):
    # A browser of its own at each width: one that has a larger size cached uses it.
    context = browser.new_context(
        base_url=live_site.base_url, viewport={"width": width, "height": 900}
    )
    try:
        visit = context.new_page()
        visit.goto(path)
        visit.wait_for_load_state("load")
        return visit.evaluate(PICTURES)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_every_image_loads_the_smallest_size_that_fills_it(browser, live_site, page):
    paths = demo_paths(page)
    assert paths, "the demo content has no pages"
    checked, wrong = 0, []
    for width in WIDTHS:
        for label, path in paths.items():
            for picture in pictures_at(browser, live_site, path, width):
                checked += 1
                best = best_candidate(picture)
                if picture["loaded"] != best["url"]:
                    loaded = next(
                        c["width"] for c in picture["candidates"] if c["url"] == picture["loaded"]
                    )
                    wrong.append(
                        f"{label} {picture['name']} at {width} px:"
                        f" shown {picture['shown']:.0f} px, loaded {loaded}w"
                        f" where {best['width']}w fills it"
                    )
    assert checked, "no page of the demo shows a picture"
    assert not wrong, "\n".join(wrong)
