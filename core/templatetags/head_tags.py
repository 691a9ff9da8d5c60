"""Template tags of base.html's head: see core.head and core.structured_data."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core.head import page_description, page_head, site_icons
from core.structured_data import breadcrumb_trail, page_graph, script_safe_json

register = template.Library()


@register.inclusion_tag("includes/head_meta.html", takes_context=True)
def page_head_meta(context, page, site_settings):
    return page_head(context.get("request"), page, site_settings)


@register.simple_tag
def meta_description(page):
    """The description of base.html's meta element, the same as its link preview's."""
    return page_description(page) if isinstance(page, Page) else ""


@register.inclusion_tag("includes/site_icons.html")
def site_icon_links(site_settings):
    return {"icons": site_icons(site_settings).items()}


@register.inclusion_tag("includes/structured_data.html")
def structured_data(page, site_settings):
    """The page's JSON-LD, escaped to stand in a script element; none for what is no live
    page (a draft's preview, an error page)."""
    if not isinstance(page, Page) or not page.live:
        return {}
    graph = page_graph(page, site_settings, breadcrumb_trail(page))
    # Safe: script_safe_json escapes every character that could end the element.
    return {"graph_json": mark_safe(script_safe_json(graph))}  # noqa: S308
