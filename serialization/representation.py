"""Plain, absolute-URL data for the API: what a partner needs to render without a second call.

Blocks, serializer fields and snippet endpoints all build their JSON here, so
a page card or a call to action looks the same wherever it appears.
"""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.api.rich_text import APIRichText
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

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
    """Display HTML with internal links resolved to absolute URLs, no linktype markup."""
    html = expand_db_html(str(value.source if hasattr(value, "source") else value or ""))
    soup = BeautifulSoup(html, "html.parser")
    for tag, attribute in (("a", "href"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            if element[attribute].startswith("/"):
                element[attribute] = absolute_url(element[attribute])
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


def page_card(page):
    """What a card of a page shows: its address, and the fields its type registers.

    None for a page the public may not see: not live, or behind a view restriction.
    """
    if page is None or not page.live or is_restricted(page):
        return None
    if type(page) is Page:
        page = page.specific
    return {
        "id": page.pk,
        "type": page._meta.label,
        "title": page.title,
        "url": page_url(page),
        **serialization_of(type(page)).card(page),
    }


def phone_data(e164):
    if not e164:
        return None
    return {"e164": e164, "display": display_phone(e164), "url": f"tel:{e164}"}


def call_to_action_data(call_to_action, heading=""):
    """{kind, heading, text, label, url}, plus the phone in E.164 and display form for calls."""
    if call_to_action is None:
        return None
    if call_to_action.kind == call_to_action.Kind.PAGE:
        target = call_to_action.target_page
        url = page_url(target) if target is not None and target.live else None
    else:
        url = call_to_action.url
    return {
        "id": call_to_action.pk,
        "kind": call_to_action.kind,
        "heading": heading or call_to_action.heading,
        "text": call_to_action.text,
        "label": call_to_action.button_label,
        "url": url,
        "phone": phone_data(call_to_action.phone),
    }


def testimonial_data(testimonial):
    return {
        "id": testimonial.pk,
        "display_name": testimonial.display_name,
        "condition": testimonial.condition_name,
        "procedure": testimonial.procedure_name,
        "headline_quote": testimonial.headline_quote,
        "quotes": [block.value for block in testimonial.quotes],
        "disclosure": testimonial.disclosure,
    }


def physician_data(physician):
    return {
        "id": physician.pk,
        "name": physician.name,
        "credentials": physician.credentials,
        "specialties": physician.specialty_list,
        "npi": physician.npi,
        "photo": image_data(cached_image(physician, "photo"), alt_text=physician.name),
    }


def page_cards(pages):
    """Cards of the public ones among these pages, leaving out the rest."""
    cards = (page_card(page) for page in pages)
    return [card for card in cards if card is not None]


def page_cards_from_queryset(pages):
    """Cards for a queryset of pages, with their images and renditions fetched in bulk."""
    return page_cards(pages.select_related("hero_image").prefetch_related("hero_image__renditions"))
