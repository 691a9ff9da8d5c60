"""Small helpers for the public templates."""

import re

import phonenumbers
from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def unique_id(context, prefix="id"):
    """An id for aria-labelledby pairs in blocks that may appear more than once on a page.

    Numbered per rendering (per request where there is one) so that the same page
    always renders the same bytes, which keeps caches and ETags stable.
    """
    holder = context.get("request") or context.render_context
    counter = getattr(holder, "_unique_id_counter", 0) + 1
    holder._unique_id_counter = counter
    return f"{prefix}-{counter}"


CALL_TO_ACTION_BLOCK_TYPES = {"call_to_action", "call_to_action_band"}


@register.simple_tag
def default_calls_to_action(page, site_settings):
    """The site's default calls to action, for pages whose body offers none of its own."""
    body = getattr(page, "body", None) or ()
    if not site_settings or any(block.block_type in CALL_TO_ACTION_BLOCK_TYPES for block in body):
        return []
    links = site_settings.default_calls_to_action.select_related("call_to_action")
    # In the visitor's language where the call to action is translated.
    return [link.call_to_action.localized for link in links]


@register.simple_tag(takes_context=True)
def call_to_action_url(context, call_to_action):
    """The call to action's target; a page of the current site as a relative URL.

    ``CallToAction.url`` has no request, so with several sites it gives every page
    an absolute URL; here a page on the visitor's own site stays relative. The page is
    the one in the call to action's language where it is translated.
    """
    request = context.get("request")
    page = call_to_action.target_page if call_to_action.kind == "page" else None
    if page is None or request is None:
        return call_to_action.url
    return page.get_url(request=request) or ""


@register.filter
def without_none(items):
    """The items that are not None, e.g. snippet choosers whose snippet was deleted."""
    return [item for item in items or () if item is not None]


@register.filter
def mentions_phone(text, e164):
    """True when ``text`` already contains the digits of the phone number ``e164``.

    Lets a phone call to action show the number only once, whether or not the editor
    wrote it into the button label (e.g. "Call 877.474.2225").
    """
    if not text or not e164:
        return False
    try:
        national = str(phonenumbers.parse(e164, None).national_number)
    except phonenumbers.NumberParseException:
        return False
    return national in re.sub(r"\D", "", str(text))
