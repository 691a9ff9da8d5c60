"""Plain, absolute-URL data for the API: what a partner needs to render without a second call.

Blocks, serializer fields and snippet endpoints all build their JSON here, so
a page card or a call to action looks the same wherever it appears.
"""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.api.rich_text import APIRichText
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from serialization import prefetch
from serialization.content_scope import ContentScope
from serialization.phone import display_phone
from serialization.prefetch import cached_image
from serialization.registry import serialization_of
from serialization.visibility import is_restricted

# The API gives partners each image at these widths, in JPEG and WebP.
API_RENDITION_WIDTHS = (400, 800, 1600)
API_RENDITION_FORMATS = ("jpeg", "webp")
API_RENDITION_SPECS = tuple(
    f"width-{width}|format-{image_format}"
    for width in API_RENDITION_WIDTHS
    for image_format in API_RENDITION_FORMATS
)


def absolute_url(url):
    """An absolute URL: page URLs of other sites already are; the rest join the API base."""
    if not url:
        return None
    return urljoin(settings.WAGTAILAPI_BASE_URL.rstrip("/") + "/", url)


def page_url(page):
    """The page's public address on its own site (the Site record's host and port)."""
    return page.get_full_url()


def rich_text_html(value):
    """Display HTML with internal links resolved to absolute URLs, no linktype markup.

    The editor's own markup goes too (``data-block-key``, which the admin's editor
    adds to each paragraph), and text with nothing to read is "" rather than an
    empty paragraph.
    """
    html = expand_db_html(str(value.source if hasattr(value, "source") else value or ""))
    soup = BeautifulSoup(html, "html.parser")
    for tag, attribute in (("a", "href"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            if element[attribute].startswith("/"):
                element[attribute] = absolute_url(element[attribute])
    for element in soup.find_all(attrs={"data-block-key": True}):
        del element["data-block-key"]
    if not soup.get_text(strip=True) and not soup.find(["img", "embed", "iframe"]):
        return ""
    return str(soup)


def serialize_rich_text(value, requested_format=None):
    rich_text_format = APIRichText.resolve_format(requested_format)
    if rich_text_format == APIRichText.FORMAT_HTML:
        return rich_text_html(value)
    return APIRichText.serialize(value, format=rich_text_format)


def image_data(image, alt_text=""):
    """Alt text, size, focal point and renditions at several widths in JPEG and WebP."""
    if image is None:
        return None
    renditions = image.get_renditions(*API_RENDITION_SPECS)
    focal_point = None
    if image.has_focal_point():
        focal_point = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt_text or image.default_alt_text or "",
        "width": image.width,
        "height": image.height,
        "focal_point": focal_point,
        "renditions": unique_renditions(renditions),
    }


def unique_renditions(renditions):
    """One entry per size and format: a small original gives the same size for wider specs."""
    unique = {}
    for spec, rendition in renditions.items():
        image_format = spec.rsplit("-", 1)[1]
        unique.setdefault(
            (rendition.width, image_format),
            {
                "width": rendition.width,
                "height": rendition.height,
                "format": image_format,
                "url": absolute_url(rendition.url),
            },
        )
    return list(unique.values())


def page_card(page, scope=None):
    """What a card of a page shows: its address, language, and the fields its type registers.

    A card shown in ``scope`` names the other brand's site when the page is on
    another site (a deliberate cross-brand link). None for a page the public may
    not see: not live, or behind a view restriction.
    """
    if page is None or not page.live or is_restricted(page):
        return None
    if type(page) is Page:
        page = page.specific
    card = {
        "id": page.pk,
        "type": page._meta.label,
        "title": page.title,
        "url": page_url(page),
        "locale": locale_code(page),
        **serialization_of(type(page)).card(page),
    }
    other_site = scope.other_site(page) if scope is not None else None
    if other_site is not None:
        card["site"] = {"name": other_site.site_name, "hostname": other_site.hostname}
    return card


def locale_code(item):
    if prefetch.current_scope() is None:
        return item.locale.language_code
    codes = prefetch.remember_per_generation(
        "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )
    return codes[item.locale_id]


def phone_data(e164):
    if not e164:
        return None
    return {"e164": e164, "display": display_phone(e164), "url": f"tel:{e164}"}


def call_to_action_data(call_to_action, heading="", scope=None):
    """{kind, heading, text, label, url, locale}, plus the phone in E.164 and display form.

    A phone call dials its own number, else the 24/7 phone of the scope's site, and
    its label shows that number where the editor wrote {phone}.

    In ``scope``, the call to action in its language and a page target as that
    scope shows it (its translation, its alias on the scope's site). ``locale``
    is the language of what the button leads to: the target page's, which is
    the default language's when the form is not translated yet; ``site`` names
    the other brand when the target is another brand's page.
    """
    if call_to_action is None:
        return None
    scope = scope or ContentScope(site_id=None, locale_id=call_to_action.locale_id)
    call_to_action = scope.snippet(call_to_action)
    data = {
        "id": call_to_action.pk,
        "kind": call_to_action.kind,
        "heading": heading or call_to_action.heading,
        "text": call_to_action.text,
        "label": call_to_action.button_label,
        "url": call_to_action.url if call_to_action.kind == call_to_action.Kind.URL else None,
        "phone": None,
        "locale": locale_code(call_to_action),
    }
    if call_to_action.kind == call_to_action.Kind.PHONE:
        phone = call_to_action.phone_on_site(scope.site_id)
        data.update(
            label=call_to_action.label_with_phone(phone),
            url=call_to_action.phone_url(phone),
            phone=phone_data(phone),
        )
    if call_to_action.kind == call_to_action.Kind.PAGE:
        target = scope.page(call_to_action.link_page)
        if target is not None:
            data.update(url=page_url(target), locale=locale_code(target))
            other_site = scope.other_site(target)
            if other_site is not None:
                data["site"] = {"name": other_site.site_name, "hostname": other_site.hostname}
    return data


def testimonial_data(testimonial):
    return {
        "id": testimonial.pk,
        "display_name": testimonial.display_name,
        "condition": testimonial.condition_name,
        "procedure": testimonial.procedure_name,
        "headline_quote": testimonial.headline_quote,
        "quotes": [block.value for block in testimonial.quotes],
        "disclosure": testimonial.disclosure,
        "connection_disclosure": testimonial.connection_disclosure,
        "locale": locale_code(testimonial),
    }


def physician_data(physician):
    return {
        "id": physician.pk,
        "name": physician.name,
        "credentials": physician.credentials,
        "specialties": physician.specialty_list,
        "npi": physician.npi,
        "photo": image_data(cached_image(physician, "photo"), alt_text=physician.name),
        "locale": locale_code(physician),
    }


def page_cards(pages, scope=None):
    """Cards of the public ones among these pages, leaving out the rest."""
    cards = (page_card(page, scope) for page in pages)
    return [card for card in cards if card is not None]


def page_cards_from_queryset(pages):
    """Cards for a queryset of pages, with their images and renditions fetched in bulk."""
    return page_cards(pages.select_related("hero_image").prefetch_related("hero_image__renditions"))
