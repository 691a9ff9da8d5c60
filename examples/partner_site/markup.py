"""HTML pieces for the partner site: escaping, safe URLs, images, sections and cards.

Plain text is escaped; URLs are kept only with the http, https, tel and mailto
schemes; rich text (display HTML made by the CMS) is inserted as it is.
"""

import datetime
import itertools
from html import escape
from urllib.parse import urlsplit

SAFE_URL_SCHEMES = {"http", "https", "tel", "mailto"}
IMAGE_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# The <img> fallback takes the first of these the image has renditions in.
FALLBACK_FORMATS = ("jpeg", "png", "gif")
HERO_SIZES = "(max-width: 60rem) 100vw, 60rem"
CARD_SIZES = "10rem"


class Ids:
    """Unique element ids within one document, for aria-labelledby."""

    def __init__(self):
        self._counter = itertools.count(1)

    def new(self, prefix):
        return f"{prefix}-{next(self._counter)}"


def section(ids, heading, inner, prefix, level=2, css_class=None):
    """A section with a heading, or nothing when it has no content."""
    if not inner:
        return ""
    heading_id = ids.new(prefix)
    css_class = css_class or prefix
    return (
        f'<section class="{esc(css_class)}" aria-labelledby="{heading_id}">'
        f'<h{level} id="{heading_id}">{esc(heading)}</h{level}>{inner}</section>'
    )


# --- Escaping and small pieces ------------------------------------------------------------


def esc(value):
    """Plain text for element content or a quoted attribute value."""
    if value is None:
        return ""
    return escape(str(value), quote=True)


def safe_url(value):
    """An absolute http(s), tel or mailto URL, or None: never javascript: or a relative URL."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if urlsplit(value).scheme.lower() not in SAFE_URL_SCHEMES:
        return None
    return value


def link_html(url, label, rel=None):
    href = safe_url(url)
    if href is None:
        return esc(label)
    rel_attr = f' rel="{esc(rel)}"' if rel else ""
    return f'<a href="{esc(href)}"{rel_attr}>{esc(label)}</a>'


def rich_text(html, css_class="rich-text"):
    """Rich text from the API: display HTML made by the CMS, inserted as it is."""
    if not html:
        return ""
    return f'<div class="{esc(css_class)}">{html}</div>'


def paragraph(value, css_class=None):
    if not value:
        return ""
    class_attr = f' class="{esc(css_class)}"' if css_class else ""
    return f"<p{class_attr}>{lines(value)}</p>"


def lines(value):
    """Escaped text whose line breaks stay line breaks."""
    return "<br>".join(esc(line) for line in str(value).splitlines())


def paragraphs(value):
    """Escaped text, a paragraph per blank-line-separated part (like Django's linebreaks)."""
    if not value:
        return ""
    chunks = [chunk for chunk in str(value).replace("\r\n", "\n").split("\n\n") if chunk.strip()]
    return "".join(f"<p>{lines(chunk.strip())}</p>" for chunk in chunks)


def date_html(value):
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return esc(value)
    return f'<time datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time>'


def time_html(value):
    """ "07:00" as <time datetime="07:00">7:00 AM</time>."""
    try:
        moment = datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        return esc(value)
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f'<time datetime="{moment:%H:%M}">{hour}:{moment:%M} {suffix}</time>'


def label_for(value, labels):
    if not value:
        return ""
    return labels.get(value) or str(value).replace("_", " ").capitalize()


# --- Images -------------------------------------------------------------------------------


def srcset(renditions):
    # A comma or space inside a URL would split a srcset candidate.
    return ", ".join(
        f"{safe_url(r['url']).replace(' ', '%20').replace(',', '%2C')} {r['width']}w"
        for r in renditions
    )


def picture_html(image, sizes, loading="lazy", css_class=None, alt=None):
    """A <picture>: one <source> per modern format, an <img srcset> in JPEG (or PNG, GIF).

    Widths come from the renditions the API lists; a width listed twice (an
    image narrower than the largest requested width) is used once.
    """
    if not image:
        return ""
    by_format = {}
    for rendition in image.get("renditions") or []:
        width, image_format = rendition.get("width"), rendition.get("format")
        if not safe_url(rendition.get("url")) or not isinstance(width, int) or width <= 0:
            continue
        by_format.setdefault(image_format, {}).setdefault(width, rendition)
    if not by_format:
        return ""
    fallback_format = next((f for f in FALLBACK_FORMATS if f in by_format), next(iter(by_format)))
    fallback = sorted(by_format[fallback_format].values(), key=lambda r: r["width"])
    largest = fallback[-1]
    src = next((r for r in fallback if r["width"] >= 800), largest)
    sources = [
        f'<source type="{IMAGE_TYPES[image_format]}" '
        f'srcset="{esc(srcset(sorted(renditions.values(), key=lambda r: r["width"])))}" '
        f'sizes="{esc(sizes)}">'
        for image_format, renditions in by_format.items()
        if image_format != fallback_format and image_format in IMAGE_TYPES
    ]
    alt_text = image.get("alt", "") if alt is None else alt
    size_attrs = ""
    if isinstance(largest.get("height"), int):
        size_attrs = f' width="{largest["width"]}" height="{largest["height"]}"'
    img = (
        f'<img src="{esc(safe_url(src["url"]))}" srcset="{esc(srcset(fallback))}" '
        f'sizes="{esc(sizes)}"{size_attrs} alt="{esc(alt_text)}" '
        f'loading="{esc(loading)}" decoding="async">'
    )
    class_attr = f' class="{esc(css_class)}"' if css_class else ""
    return f"<picture{class_attr}>{''.join(sources)}{img}</picture>"


# --- Cards --------------------------------------------------------------------------------


def page_cards(cards, level=3):
    """Cards of related pages (procedures, conditions, locations) as the API embeds them."""
    items = []
    for card in cards or []:
        if not card:
            continue
        parts = [f"<h{level}>{link_html(card.get('url'), card.get('title', ''))}</h{level}>"]
        if card.get("street_address"):
            parts.append(
                f"<address>{esc(card['street_address'])}<br>"
                f"{esc(card.get('city'))}, {esc(card.get('state'))} "
                f"{esc(card.get('zip_code'))}</address>"
            )
        phone = card.get("phone")
        if phone:
            parts.append(f"<p>{phone_link(phone)}</p>")
        parts.append(paragraph(card.get("summary")))
        items.append(f'<li class="card">{"".join(parts)}</li>')
    if not items:
        return ""
    return f'<ul class="cards">{"".join(items)}</ul>'


def physician_cards(physicians, level=3):
    items = []
    for physician in physicians or []:
        if not physician:
            continue
        name = physician.get("name", "")
        if physician.get("credentials"):
            name = f"{name}, {physician['credentials']}"
        specialties = physician.get("specialties") or []
        parts = [
            picture_html(physician.get("photo"), sizes=CARD_SIZES),
            f"<h{level}>{esc(name)}</h{level}>",
        ]
        if specialties:
            parts.append(f"<p>{esc(', '.join(specialties))}</p>")
        items.append(f'<li class="card physician">{"".join(parts)}</li>')
    if not items:
        return ""
    return f'<ul class="cards">{"".join(items)}</ul>'


def phone_link(phone):
    """A tel: link showing the number as people read it, e.g. (877) 474-2225."""
    href = safe_url(phone.get("url")) or safe_url(f"tel:{phone.get('e164', '')}")
    return f'<a href="{esc(href)}">{esc(phone.get("display") or phone.get("e164"))}</a>'


def gallery_html(gallery):
    items = []
    for item in gallery or []:
        picture = picture_html(item.get("image"), sizes="(max-width: 40rem) 100vw, 30rem")
        if not picture:
            continue
        caption = item.get("caption")
        caption_html = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        items.append(f"<li><figure>{picture}{caption_html}</figure></li>")
    if not items:
        return ""
    return f'<ul class="cards gallery">{"".join(items)}</ul>'
