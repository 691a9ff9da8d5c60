"""Small helpers for the public templates."""

import re

import phonenumbers
from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core.calls_to_action import review_call_to_action
from serialization.content_scope import ContentScope
from serialization.phone import display_phone

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


@register.simple_tag(takes_context=True)
def default_calls_to_action(context, page, site_settings):
    """The site's default calls to action, for pages whose body offers none of its own."""
    body = getattr(page, "body", None) or ()
    if not site_settings or any(block.block_type in CALL_TO_ACTION_BLOCK_TYPES for block in body):
        return []
    links = site_settings.default_calls_to_action.select_related("call_to_action")
    return ContentScope.of_context(context).snippets([link.call_to_action for link in links])


@register.simple_tag(takes_context=True)
def call_to_action_link(context, call_to_action):
    """The call to action's button as the page's scope shows it: {url, page, label, phone}.

    A page target is its translation in the page's language where there is one,
    and its alias when the page is on another site (serialization.content_scope);
    on the visitor's own site its URL is relative. A phone call dials its own
    number, else the 24/7 phone of the page's site (``phone`` in E.164, and
    ``phone_display``), and its label shows that number where the editor wrote {phone}.
    """
    button = {"url": "", "page": None, "label": call_to_action.button_label, "phone": ""}
    scope = ContentScope.of_context(context)
    if call_to_action.kind == "phone":
        phone = call_to_action.phone_on_site(scope.site_id)
        return {
            **button,
            "url": call_to_action.phone_url(phone),
            "label": call_to_action.label_with_phone(phone),
            "phone": phone,
            "phone_display": display_phone(phone),
        }
    if call_to_action.kind != "page":
        return {**button, "url": call_to_action.url}
    page = scope.page(call_to_action.link_page)
    if page is None:
        return button
    return {**button, "url": page.get_url(request=context.get("request")) or "", "page": page}


@register.simple_tag(takes_context=True)
def review_action(context, site_settings):
    """The button of the site's review call to action in the page's language and site:
    ``{url, label, text}`` (``text`` the call to action's own, which the side panel shows),
    or None when the site has none.

    Found once per request and scope: the page's hero, its action bar and its side panel
    all show it.
    """
    scope = ContentScope.of_context(context)
    request = context.get("request")
    found = getattr(request, "_review_actions", {})
    key = (getattr(site_settings, "pk", None), scope)
    if key not in found:
        found[key] = _review_button(site_settings, scope, request)
        if request is not None:
            request._review_actions = found
    return found[key]


def _review_button(site_settings, scope, request):
    call_to_action, page = review_call_to_action(site_settings, scope)
    if page is None:
        return None
    return {
        "url": page.get_url(request=request),
        "label": call_to_action.button_label,
        "text": call_to_action.text,
    }


@register.simple_tag(takes_context=True)
def scoped_call_to_action(context, call_to_action):
    """The call to action in the page's language where it is translated."""
    return ContentScope.of_context(context).snippet(call_to_action)


@register.simple_tag(takes_context=True)
def scope_link_attributes(context, item):
    """Attributes of a link to a related item that the page's scope shows as an exception.

    A default-language fallback says its language (lang and hreflang); a page of
    another brand names that brand's host (data-site), and its label names the
    brand (see ``other_brand``).
    """
    if item is None:
        return ""
    scope = ContentScope.of_context(context)
    attributes = {}
    if scope.is_fallback(item):
        code = item.locale.language_code
        attributes["lang"] = code
        if isinstance(item, Page):
            attributes["hreflang"] = code
    other_site = scope.other_site(item) if isinstance(item, Page) else None
    if other_site is not None:
        attributes["data-site"] = other_site.hostname
    return format_html_join("", ' {}="{}"', attributes.items())


@register.simple_tag(takes_context=True)
def other_brand(context, page):
    """The name of the brand whose site holds ``page`` when it is not the page's own."""
    if page is None:
        return ""
    other_site = ContentScope.of_context(context).other_site(page)
    return other_site.site_name if other_site is not None else ""


@register.simple_tag(takes_context=True)
def scoped_title(context, page):
    """A related page's title as its link shows it: with the brand's name when it is another's."""
    brand = other_brand(context, page)
    return breakable(format_html("{} ({})", page.title, brand) if brand else page.title)


SLASH_BETWEEN_WORDS = re.compile(r"(?<=\w)/(?=\w)")


@register.filter
def breakable(text):
    """``text`` escaped, free to wrap after a slash between words.

    Browsers never wrap "Laminotomy/Laminectomy" at its slash: on a narrow card or
    a phone's heading they cut one of the words instead.
    """
    return mark_safe(SLASH_BETWEEN_WORDS.sub("/<wbr>", conditional_escape(text)))  # noqa: S308 - escaped first


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
