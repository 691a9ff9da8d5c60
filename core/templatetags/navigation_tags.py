"""Site navigation for the public templates: main menu, breadcrumbs, current section.

Every tag copes with a missing request or site (previews, error pages, blocks
rendered on their own) by returning an empty result rather than failing.
"""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core import structured_data
from serialization import prefetch

register = template.Library()


def _site_for(context):
    request = context.get("request")
    if request is None:
        return None
    return Site.find_for_request(request)


def _site_root(context):
    site = _site_for(context)
    if site is None:
        return None
    # The translation of the site root in the active language, where one exists; the
    # header, the menu and the breadcrumb all ask for it.
    return prefetch.remember_per_generation(
        ("localized-site-root", site.pk, get_language()), lambda: site.root_page.localized
    )


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site (in the active language), or None."""
    return _site_root(context)


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The site root's live children that are marked "show in menus", in tree order."""
    root = _site_root(context)
    if root is None:
        return []
    # Every page shows the menu: read once per content generation.
    return prefetch.remember_per_generation(
        ("menu-pages", root.pk), lambda: list(root.get_children().live().in_menu())
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None):
    """Pages from the site root down to ``page`` (inclusive); empty on the home page.

    Works for unsaved pages in preview too: the page itself is appended rather
    than read back from the database.
    """
    page = page if page is not None else context.get("page")
    root = _site_root(context)
    if not isinstance(page, Page) or root is None or not page.path:
        return []
    if page.depth <= root.depth:
        return []
    # The live ancestors the page's structured data reads too: one query for both.
    trail = [crumb for crumb in structured_data.breadcrumb_trail(page) if crumb.depth >= root.depth]
    return trail if len(trail) > 1 else []


@register.filter
def is_in_section(page, section):
    """True when ``page`` is ``section`` or one of its descendants."""
    if not isinstance(page, Page) or not isinstance(section, Page):
        return False
    if not page.path or not section.path:
        return False
    return page.path.startswith(section.path)
