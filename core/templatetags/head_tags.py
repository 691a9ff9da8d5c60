"""Template tags of base.html's head: see core.head."""

from django import template

from core.head import page_head, site_icons

register = template.Library()


@register.inclusion_tag("includes/head_meta.html", takes_context=True)
def page_head_meta(context, page, site_settings):
    return page_head(context.get("request"), page, site_settings)


@register.inclusion_tag("includes/site_icons.html")
def site_icon_links(site_settings):
    return {"icons": site_icons(site_settings).items()}
