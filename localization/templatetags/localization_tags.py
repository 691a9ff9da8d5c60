"""Template tags of translation work: what a translation's preview still shows untranslated."""

from django import template

from localization.preview import untranslated_strings

register = template.Library()


@register.simple_tag(takes_context=True)
def untranslated_in_preview(context, page):
    """In a preview only: the segments of a translation that still show the source text."""
    request = context.get("request")
    if request is None or not getattr(request, "is_preview", False):
        return []
    return untranslated_strings(page)
