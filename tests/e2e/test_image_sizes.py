"""Hero images (the home page's and every page hero) load the smallest size that fills them
(#23 "responsive sizes that match the layout"): a picture's `sizes` must follow the layout,
side panel included, or the browser fetches a larger file than the screen shows.

For every page type of the site with a hero image in the demo (the page-type registry), at
the widths where the layout changes (docs/design.md "Breakpoints").
"""

from urllib.parse import urlsplit

import pytest

from tests.e2e.helpers import site_page_types

pytestmark = pytest.mark.e2e

WIDTHS = [390, 800, 1000, 1024, 1200, 1280, 1600]

HERO_IMAGE = """() => {
    const image = document.querySelector(".page-hero__image, .hero__image");
    if (!image) return null;
    const source = image.closest("picture").querySelector("source") || image;
    const candidates = source.getAttribute("srcset").split(",").map(candidate => {
        const [url, width] = candidate.trim().split(/\\s+/);
        return {url: new URL(url, location.href).href, width: parseInt(width)};
    });
    return {
        shown: image.getBoundingClientRect().width * devicePixelRatio,
        loaded: image.currentSrc,
        candidates,
    };
}"""


def hero_paths(page):
    """The demo's first page with a hero image of each page type that shows one."""
    paths = {}
    for model in site_page_types():
        if not hasattr(model, "hero_image"):
            continue
        answer = page.request.get(
            f"/api/v2/pages/?type={model._meta.label}&limit=50&fields=hero_image"
        )
        assert answer.ok, answer.text()
        with_image = [item for item in answer.json()["items"] if item.get("hero_image")]
        if with_image:
            paths[model._meta.label] = urlsplit(with_image[0]["meta"]["html_url"]).path
    return paths


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_hero_image_loads_the_smallest_size_that_fills_it(browser, live_site, page):
    paths = hero_paths(page)
    assert paths, "the demo content has no page with a hero image"
    oversized = []
    for width in WIDTHS:
        for label, path in paths.items():
            # A browser of its own at each width: one that has a larger size cached uses it.
            context = browser.new_context(
                base_url=live_site.base_url, viewport={"width": width, "height": 900}
            )
            try:
                visit = context.new_page()
                visit.goto(path)
                visit.wait_for_load_state("load")
                hero = visit.evaluate(HERO_IMAGE)
            finally:
                context.close()
            assert hero, f"{path} ({label}) shows no hero image"
            enough = [c for c in hero["candidates"] if c["width"] >= hero["shown"]]
            best = (
                min(enough, key=lambda c: c["width"])
                if enough
                else max(hero["candidates"], key=lambda c: c["width"])
            )
            if hero["loaded"] != best["url"]:
                loaded = next(c["width"] for c in hero["candidates"] if c["url"] == hero["loaded"])
                oversized.append(
                    f"{label} at {width} px: shown {hero['shown']:.0f} px,"
                    f" loaded {loaded}w where {best['width']}w fills it"
                )
    assert not oversized, oversized
