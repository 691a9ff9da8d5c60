"""What a page says of itself to search engines, link previews and browsers: its canonical
address, its Open Graph and Twitter card, and the site's icons (from the logo in the site
settings). The canonical address and the preview image are absolute, as link previews need."""

import re

from django.templatetags.static import static
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from serialization import prefetch

#: The image of a link preview: the size Open Graph and Twitter cards show large.
SHARE_IMAGE_SPEC = "fill-1200x630"
#: Browser tab and home-screen icons cut from the logo, as PNG (an SVG or JPEG logo works too).
ICON_SPECS = {"icon": "fill-32x32|format-png", "apple-touch-icon": "fill-180x180|format-png"}
#: The icon of a site whose settings have no logo.
DEFAULT_ICON = "core/favicon.svg"
#: About what a search result shows of a description.
DESCRIPTION_CHARS = 160
#: The longest start of a text that ends a sentence, followed by a space.
WHOLE_SENTENCES = re.compile(r"^(.*[.!?])\s", re.DOTALL)


def page_description(page):
    """The editor's search description, else the page's summary, else the start of its
    rich text introduction (a lead form's): every page that has words of its own says them
    in its meta description, which search engines show under its title."""
    description = page.search_description or getattr(page, "summary", "")
    if not description and getattr(page, "intro", ""):
        description = shortened(get_text_for_indexing(page.intro), DESCRIPTION_CHARS)
    return description or ""


def shortened(text, limit):
    """``text`` in at most ``limit`` characters: its whole sentences that fit, else its whole
    words that fit with an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    sentences = WHOLE_SENTENCES.match(text[: limit + 1])
    if sentences:
        return sentences.group(1)
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def share_image(page, site_settings):
    """The page's own hero image, else the site's logo, else None."""
    hero = prefetch.cached_image(page, "hero_image") if hasattr(page, "hero_image_id") else None
    return hero or getattr(site_settings, "logo", None)


def page_head(request, page, site_settings):
    """The page's canonical address and link preview, or {} for what is no live page."""
    if request is None or not isinstance(page, Page) or not page.live:
        return {}
    image = share_image(page, site_settings)
    rendition = image.get_rendition(SHARE_IMAGE_SPEC) if image is not None else None
    return {
        "canonical_url": page.get_full_url(request),
        "title": page.seo_title or page.title,
        "description": page_description(page),
        "site_name": getattr(site_settings, "organization_name", ""),
        "image": rendition,
        "image_url": request.build_absolute_uri(rendition.url) if rendition is not None else "",
        "image_alt": image.default_alt_text if image is not None else "",
    }


def site_icons(site_settings):
    """{rel: address} of the site's icons: cut from its logo, else the default icon.

    Both sizes in one lookup of the rendition cache (or the database), on every uncached render.
    """
    logo = getattr(site_settings, "logo", None)
    if logo is None:
        return {"icon": static(DEFAULT_ICON)}
    renditions = logo.get_renditions(*ICON_SPECS.values())
    return {rel: renditions[spec].url for rel, spec in ICON_SPECS.items()}
