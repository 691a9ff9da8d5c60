"""Standalone HTML pages from the API JSON of a procedure or a location.

Everything shown comes from the one JSON document of the page: the API
embeds calls to action, testimonials, physicians, cards of related pages and
image renditions (with absolute URLs), so no further request to the CMS is
needed. Only the browser loads the images, from their rendition URLs.

Plain-text fields are escaped. Rich-text fields (``introduction``, the
``text`` and ``intro`` of blocks, FAQ answers) are display HTML made by the
CMS and are inserted as they are. URLs are used only with the http, https,
tel and mailto schemes.
"""

from .location import render_location
from .procedure import render_procedure

#: The page types this site shows, by the API's ``meta.type``; it skips the others.
RENDERERS = {
    "procedures.ProcedurePage": render_procedure,
    "locations.LocationPage": render_location,
}

__all__ = ["RENDERERS", "render_location", "render_page", "render_procedure", "renders"]


def renders(page):
    """Whether this site has a renderer for the page's type."""
    return (page.get("meta") or {}).get("type") in RENDERERS


def render_page(page, site_name="Partner site"):
    """The HTML document of a page of a type in RENDERERS."""
    return RENDERERS[page["meta"]["type"]](page, site_name=site_name)
