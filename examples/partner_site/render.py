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

import datetime
import itertools
from html import escape
from string import Template
from urllib.parse import urlencode, urlsplit

from .client import PartnerSiteError

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

# The API gives the stored value of these fields; these are the CMS's labels for them.
PROCEDURE_TYPES = {
    "surgical": "Surgical",
    "minimally_invasive": "Minimally invasive",
    "non_surgical": "Non-surgical",
}
BODY_REGIONS = {
    "cervical": "Cervical (neck)",
    "thoracic": "Thoracic (upper and mid back)",
    "lumbar": "Lumbar (lower back)",
    "sacral": "Sacral (pelvis)",
}

PAGE = Template(
    """<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<meta name="description" content="$description">
<link rel="canonical" href="$canonical">
<style>$css</style>
</head>
<body class="$body_class">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><p class="site-name">$site_name</p></header>
<main id="main">
<article class="article">
$content
</article>
</main>
<footer class="site-footer">
<p>Content from <a href="$canonical">$source</a>, read through its content API.</p>
</footer>
</body>
</html>
"""
)

CSS = """
:root { font-family: system-ui, sans-serif; line-height: 1.5; color: #1d2a33; }
body { margin: 0; }
.site-header, .site-footer, main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
img { max-width: 100%; height: auto; }
.lead { font-size: 1.15rem; }
.facts dl, .phones { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.facts dt, .phones dt { font-weight: 600; }
.facts dd, .phones dd { margin: 0; }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
.card { border: 1px solid #c9d3da; border-radius: .5rem; padding: 1rem; overflow-wrap: anywhere; }
.cta { background: #eef5f9; border-radius: .5rem; padding: 1rem 1.25rem; margin: 1.5rem 0; }
.cta__button { display: inline-block; background: #0b5d8a; color: #fff; padding: .5rem 1rem;
  border-radius: .25rem; text-decoration: none; font-weight: 600; }
.testimonials ul { list-style: none; padding: 0; }
.testimonial { border-left: 4px solid #0b5d8a; padding-left: 1rem; margin-bottom: 1.5rem; }
.testimonial blockquote { margin: 0 0 .5rem; }
.testimonial figcaption span { display: block; }
.testimonial__name { font-weight: 600; }
.timeline dt { font-weight: 600; }
.timeline dd { margin: 0 0 .5rem; }
.disclosure { color: #4a5a66; font-size: .875rem; }
.statistic__figure { font-size: 2rem; font-weight: 700; display: block; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .25rem 1rem .25rem 0; }
"""


def render_procedure(page, site_name="Partner site"):
    """The HTML document of a procedure page (the API JSON of a procedures.ProcedurePage)."""
    _require_type(page, "procedures.ProcedurePage")
    ids = _Ids()
    parts = [
        '<header class="page-header">',
        f"<h1>{_text(page.get('title'))}</h1>",
        _picture(page.get("hero"), sizes=HERO_SIZES, loading="eager", css_class="hero"),
        _rich_text(page.get("introduction"), "lead"),
        "</header>",
        _procedure_facts(page, ids),
    ]
    body = page.get("body") or []
    parts.extend(_block(block, page, ids) for block in body)
    parts.append(_medical_review(page))
    return _document(page, "\n".join(part for part in parts if part), site_name, "procedure")


def render_location(page, site_name="Partner site"):
    """The HTML document of a location page (the API JSON of a locations.LocationPage)."""
    _require_type(page, "locations.LocationPage")
    ids = _Ids()
    parts = [
        '<header class="page-header">',
        f"<h1>{_text(page.get('title'))}</h1>",
        _paragraph(page.get("summary"), "lead"),
        _picture(page.get("hero"), sizes=HERO_SIZES, loading="eager", css_class="hero"),
        "</header>",
        _location_contact(page, ids),
        _opening_hours(page, ids),
        _section(
            ids,
            "Procedures offered here",
            _page_cards(page.get("procedures_offered"), level=3),
            "services",
        ),
        _section(ids, "Our physicians", _physician_cards(page.get("physicians")), "physicians"),
        _section(ids, "Directions", _paragraphs(page.get("directions")), "directions"),
        _section(ids, "Parking", _paragraphs(page.get("parking")), "parking"),
        _section(ids, "Accessibility", _paragraphs(page.get("accessibility")), "accessibility"),
        _section(ids, "Photos", _gallery(page.get("gallery")), "gallery"),
    ]
    body = page.get("body") or []
    parts.extend(_block(block, page, ids) for block in body)
    return _document(page, "\n".join(part for part in parts if part), site_name, "location")


# --- The document -----------------------------------------------------------------------


def _require_type(page, page_type):
    actual = (page.get("meta") or {}).get("type")
    if actual != page_type:
        raise PartnerSiteError(
            f"{page.get('title', 'The page')!r} is a {actual}, not a {page_type}."
        )


def _document(page, content, site_name, body_class):
    meta = page.get("meta") or {}
    seo = page.get("seo") or {}
    canonical = _url(page.get("page_url") or meta.get("html_url")) or ""
    return PAGE.substitute(
        lang=_text(meta.get("locale") or "en"),
        title=_text(f"{seo.get('title') or page.get('title', '')} | {site_name}"),
        description=_text(seo.get("description") or page.get("summary") or ""),
        canonical=_text(canonical),
        css=CSS,
        body_class=_text(body_class),
        site_name=_text(site_name),
        source=_text(urlsplit(canonical).netloc or "the CMS"),
        content=content,
    )


class _Ids:
    """Unique element ids within one document, for aria-labelledby."""

    def __init__(self):
        self._counter = itertools.count(1)

    def new(self, prefix):
        return f"{prefix}-{next(self._counter)}"


def _section(ids, heading, inner, prefix, level=2, css_class=None):
    """A section with a heading, or nothing when it has no content."""
    if not inner:
        return ""
    heading_id = ids.new(prefix)
    css_class = css_class or prefix
    return (
        f'<section class="{_text(css_class)}" aria-labelledby="{heading_id}">'
        f'<h{level} id="{heading_id}">{_text(heading)}</h{level}>{inner}</section>'
    )


# --- Escaping and small pieces ------------------------------------------------------------


def _text(value):
    """Plain text for element content or a quoted attribute value."""
    if value is None:
        return ""
    return escape(str(value), quote=True)


def _url(value):
    """An absolute http(s), tel or mailto URL, or None: never javascript: or a relative URL."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if urlsplit(value).scheme.lower() not in SAFE_URL_SCHEMES:
        return None
    return value


def _link(url, label, rel=None):
    href = _url(url)
    if href is None:
        return _text(label)
    rel_attr = f' rel="{_text(rel)}"' if rel else ""
    return f'<a href="{_text(href)}"{rel_attr}>{_text(label)}</a>'


def _rich_text(html, css_class="rich-text"):
    """Rich text from the API: display HTML made by the CMS, inserted as it is."""
    if not html:
        return ""
    return f'<div class="{_text(css_class)}">{html}</div>'


def _paragraph(value, css_class=None):
    if not value:
        return ""
    class_attr = f' class="{_text(css_class)}"' if css_class else ""
    return f"<p{class_attr}>{_lines(value)}</p>"


def _lines(value):
    """Escaped text whose line breaks stay line breaks."""
    return "<br>".join(_text(line) for line in str(value).splitlines())


def _paragraphs(value):
    """Escaped text, a paragraph per blank-line-separated part (like Django's linebreaks)."""
    if not value:
        return ""
    chunks = [chunk for chunk in str(value).replace("\r\n", "\n").split("\n\n") if chunk.strip()]
    return "".join(f"<p>{_lines(chunk.strip())}</p>" for chunk in chunks)


def _date(value):
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return _text(value)
    return f'<time datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time>'


def _time(value):
    """ "07:00" as <time datetime="07:00">7:00 AM</time>."""
    try:
        moment = datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        return _text(value)
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f'<time datetime="{moment:%H:%M}">{hour}:{moment:%M} {suffix}</time>'


def _label(value, labels):
    if not value:
        return ""
    return labels.get(value) or str(value).replace("_", " ").capitalize()


# --- Images -------------------------------------------------------------------------------


def _srcset(renditions):
    # A comma or space inside a URL would split a srcset candidate.
    return ", ".join(
        f"{_url(r['url']).replace(' ', '%20').replace(',', '%2C')} {r['width']}w"
        for r in renditions
    )


def _picture(image, sizes, loading="lazy", css_class=None, alt=None):
    """A <picture>: one <source> per modern format, an <img srcset> in JPEG (or PNG, GIF).

    Widths come from the renditions the API lists; a width listed twice (an
    image narrower than the largest requested width) is used once.
    """
    if not image:
        return ""
    by_format = {}
    for rendition in image.get("renditions") or []:
        width, image_format = rendition.get("width"), rendition.get("format")
        if not _url(rendition.get("url")) or not isinstance(width, int) or width <= 0:
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
        f'srcset="{_text(_srcset(sorted(renditions.values(), key=lambda r: r["width"])))}" '
        f'sizes="{_text(sizes)}">'
        for image_format, renditions in by_format.items()
        if image_format != fallback_format and image_format in IMAGE_TYPES
    ]
    alt_text = image.get("alt", "") if alt is None else alt
    size_attrs = ""
    if isinstance(largest.get("height"), int):
        size_attrs = f' width="{largest["width"]}" height="{largest["height"]}"'
    img = (
        f'<img src="{_text(_url(src["url"]))}" srcset="{_text(_srcset(fallback))}" '
        f'sizes="{_text(sizes)}"{size_attrs} alt="{_text(alt_text)}" '
        f'loading="{_text(loading)}" decoding="async">'
    )
    class_attr = f' class="{_text(css_class)}"' if css_class else ""
    return f"<picture{class_attr}>{''.join(sources)}{img}</picture>"


# --- Cards --------------------------------------------------------------------------------


def _page_cards(cards, level=3):
    """Cards of related pages (procedures, conditions, locations) as the API embeds them."""
    items = []
    for card in cards or []:
        if not card:
            continue
        parts = [f"<h{level}>{_link(card.get('url'), card.get('title', ''))}</h{level}>"]
        if card.get("street_address"):
            parts.append(
                f"<address>{_text(card['street_address'])}<br>"
                f"{_text(card.get('city'))}, {_text(card.get('state'))} "
                f"{_text(card.get('zip_code'))}</address>"
            )
        phone = card.get("phone")
        if phone:
            parts.append(f"<p>{_phone_link(phone)}</p>")
        parts.append(_paragraph(card.get("summary")))
        items.append(f'<li class="card">{"".join(parts)}</li>')
    if not items:
        return ""
    return f'<ul class="cards">{"".join(items)}</ul>'


def _physician_cards(physicians, level=3):
    items = []
    for physician in physicians or []:
        if not physician:
            continue
        name = physician.get("name", "")
        if physician.get("credentials"):
            name = f"{name}, {physician['credentials']}"
        specialties = physician.get("specialties") or []
        parts = [
            _picture(physician.get("photo"), sizes=CARD_SIZES),
            f"<h{level}>{_text(name)}</h{level}>",
        ]
        if specialties:
            parts.append(f"<p>{_text(', '.join(specialties))}</p>")
        items.append(f'<li class="card physician">{"".join(parts)}</li>')
    if not items:
        return ""
    return f'<ul class="cards">{"".join(items)}</ul>'


def _phone_link(phone):
    """A tel: link showing the number as people read it, e.g. (877) 474-2225."""
    href = _url(phone.get("url")) or _url(f"tel:{phone.get('e164', '')}")
    return f'<a href="{_text(href)}">{_text(phone.get("display") or phone.get("e164"))}</a>'


def _gallery(gallery):
    items = []
    for item in gallery or []:
        picture = _picture(item.get("image"), sizes="(max-width: 40rem) 100vw, 30rem")
        if not picture:
            continue
        caption = item.get("caption")
        caption_html = f"<figcaption>{_text(caption)}</figcaption>" if caption else ""
        items.append(f"<li><figure>{picture}{caption_html}</figure></li>")
    if not items:
        return ""
    return f'<ul class="cards gallery">{"".join(items)}</ul>'


# --- Procedure and location facts ------------------------------------------------------------


def _procedure_facts(page, ids):
    facts = [
        ("Procedure type", _text(_label(page.get("procedure_type"), PROCEDURE_TYPES))),
        ("Area of the spine", _text(_label(page.get("body_region"), BODY_REGIONS))),
        (
            "Outpatient",
            "Yes, usually no hospital stay"
            if page.get("outpatient")
            else "No, usually includes a hospital stay",
        ),
        ("Typical recovery time", _text(page.get("typical_recovery_time"))),
        ("Conditions treated", _inline_links(page.get("conditions"))),
        ("Where it is offered", _inline_links(page.get("locations"))),
    ]
    rows = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts if value)
    return _section(ids, "At a glance", f"<dl>{rows}</dl>", "facts")


def _inline_links(cards):
    links = [f"<li>{_link(card.get('url'), card.get('title', ''))}</li>" for card in cards or []]
    if not links:
        return ""
    return f'<ul class="inline-list">{"".join(links)}</ul>'


def _medical_review(page):
    reviewer = page.get("reviewer")
    if not reviewer or not page.get("last_reviewed"):
        return ""
    name = reviewer.get("name", "")
    if reviewer.get("credentials"):
        name = f"{name}, {reviewer['credentials']}"
    return (
        f'<p class="medical-review">Medically reviewed by {_text(name)} '
        f"on {_date(page['last_reviewed'])}.</p>"
    )


def _location_contact(page, ids):
    address = (
        f"<address>{_text(page.get('street_address'))}<br>"
        f"{_text(page.get('city'))}, {_text(page.get('state'))} {_text(page.get('zip_code'))}"
        "</address>"
    )
    geo = page.get("geo") or {}
    if isinstance(geo.get("latitude"), int | float) and isinstance(
        geo.get("longitude"), int | float
    ):
        query = urlencode({"mlat": geo["latitude"], "mlon": geo["longitude"]})
        map_url = (
            f"https://www.openstreetmap.org/?{query}#map=17/{geo['latitude']}/{geo['longitude']}"
        )
        address += f"<p>{_link(map_url, 'Show on a map', rel='noopener')}</p>"
    phones = page.get("phones") or {}
    rows = [
        f"<dt>{label}</dt><dd>{_phone_link(phones[key])}</dd>"
        for key, label in (("main", "Main phone"), ("24_7", "24/7 phone"))
        if phones.get(key)
    ]
    phones_html = f'<dl class="phones">{"".join(rows)}</dl>' if rows else ""
    return _section(ids, "Address and phone", address + phones_html, "contact")


def _opening_hours(page, ids):
    rows = []
    for day in page.get("opening_hours") or []:
        if day.get("closed") or not day.get("opens") or not day.get("closes"):
            hours = "Closed"
        else:
            hours = f"{_time(day['opens'])} to {_time(day['closes'])}"
        rows.append(f'<tr><th scope="row">{_text(day.get("day"))}</th><td>{hours}</td></tr>')
    if not rows:
        return ""
    caption = f"Opening hours at {_text(page.get('title'))}"
    table = (
        f'<table><caption class="visually-hidden">{caption}</caption>'
        '<thead><tr><th scope="col">Day</th><th scope="col">Hours</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _section(ids, "Opening hours", table, "hours")


# --- StreamField blocks --------------------------------------------------------------------


def _block(block, page, ids):
    """One block of a page's body; block types this site does not know are left out."""
    renderer = BLOCK_RENDERERS.get(block.get("type"))
    if renderer is None or block.get("value") is None:
        return ""
    return renderer(block["value"], page, ids)


def _heading_block(value, page, ids):
    level = value.get("level") if value.get("level") in ("h2", "h3") else "h2"
    return f"<{level}>{_text(value.get('text'))}</{level}>"


def _text_block(value, page, ids):
    return _rich_text(value)


def _image_block(value, page, ids):
    picture = _picture(value.get("image"), sizes=HERO_SIZES, alt=value.get("alt_text"))
    if not picture:
        return ""
    caption = value.get("caption")
    caption_html = f"<figcaption>{_text(caption)}</figcaption>" if caption else ""
    return f'<figure class="image">{picture}{caption_html}</figure>'


def _statistic_block(value, page, ids):
    source = value.get("source")
    source_html = f'<p class="statistic__source">Source: {_text(source)}</p>' if source else ""
    return (
        f'<aside class="statistic"><p><strong class="statistic__figure">'
        f"{_text(value.get('figure'))}</strong> {_text(value.get('label'))}</p>"
        f"{source_html}</aside>"
    )


def _faq_block(value, page, ids):
    items = "".join(
        f"<details><summary>{_text(item.get('question'))}</summary>"
        f"{_rich_text(item.get('answer'))}</details>"
        for item in value.get("items") or []
    )
    return _section(ids, value.get("heading") or "Frequently asked questions", items, "faq")


def _video_block(value, page, ids):
    link = _link(value.get("url"), value.get("title") or "Watch the video", rel="noopener")
    transcript = value.get("transcript")
    transcript_html = (
        f"<details><summary>Transcript</summary>{_paragraphs(transcript)}</details>"
        if transcript
        else ""
    )
    return f'<div class="video"><p>Video: {link}</p>{transcript_html}</div>'


def _benefits_block(value, page, ids):
    items = "".join(
        f'<li class="benefit"><strong class="benefit__title">{_text(item.get("title"))}</strong> '
        f'<span class="benefit__text">{_text(item.get("text"))}</span></li>'
        for item in value.get("items") or []
    )
    return _section(ids, value.get("heading"), f"<ul>{items}</ul>" if items else "", "benefits")


def _conditions_block(value, page, ids):
    # An empty choice in the CMS means "the conditions this procedure treats".
    cards = value.get("conditions") or (page.get("conditions") if value.get("from_page") else [])
    inner = _rich_text(value.get("intro")) + _page_cards(cards)
    return _section(ids, value.get("heading") or "Conditions", inner, "conditions")


def _details_block(value, page, ids):
    return _section(ids, value.get("heading"), _rich_text(value.get("text")), "procedure-details")


def _preparation_block(value, page, ids):
    checklist = "".join(f"<li>{_text(item)}</li>" for item in value.get("checklist") or [])
    inner = _rich_text(value.get("text"))
    if checklist:
        inner += f'<ul class="checklist">{checklist}</ul>'
    return _section(ids, value.get("heading"), inner, "preparation")


def _recovery_block(value, page, ids):
    inner = _rich_text(value.get("intro"))
    steps = "".join(
        f"<li><dl><dt>{_text(step.get('when'))}</dt>"
        f"<dd>{_lines(step.get('what_to_expect') or '')}</dd></dl></li>"
        for step in value.get("timeline") or []
    )
    if steps:
        inner += f'<h3>Recovery timeline</h3><ol class="timeline">{steps}</ol>'
    if value.get("return_to_activity"):
        inner += (
            f"<h3>Returning to your usual activities</h3>{_paragraph(value['return_to_activity'])}"
        )
    return _section(ids, value.get("heading"), inner, "recovery")


def _call_to_action(value, ids, level=2):
    """A call to action; a phone call links to tel: and shows the number, e.g. (877) 474-2225."""
    heading_id = ids.new("cta")
    kind = value.get("kind") or "page"
    parts = [
        f'<section class="cta cta--{_text(kind)}" aria-labelledby="{heading_id}">',
        f'<h{level} id="{heading_id}">{_text(value.get("heading"))}</h{level}>',
        _paragraphs(value.get("text")),
    ]
    phone = value.get("phone")
    if kind == "phone" and phone:
        href = _url(phone.get("url")) or _url(value.get("url"))
        if href:
            parts.append(
                f'<p><a class="cta__button" href="{_text(href)}">'
                f"{_text(phone.get('display') or phone.get('e164'))}</a></p>"
            )
    else:
        href = _url(value.get("url"))
        # No link when the target is missing, e.g. a page that is not published.
        if href:
            rel = ' rel="noopener"' if kind == "url" else ""
            parts.append(
                f'<p><a class="cta__button" href="{_text(href)}"{rel}>'
                f"{_text(value.get('label'))}</a></p>"
            )
    parts.append("</section>")
    return "".join(parts)


def _call_to_action_block(value, page, ids):
    return _call_to_action(value, ids)


def _call_to_action_band_block(value, page, ids):
    level = 3 if value.get("heading") else 2
    ctas = "".join(_call_to_action(cta, ids, level) for cta in value.get("calls_to_action") or [])
    if not value.get("heading"):
        return ctas
    return _section(ids, value["heading"], ctas, "cta-band")


def _testimonial(testimonial):
    quotes = "".join(
        f'<blockquote class="testimonial__quote"><p>{_lines(quote)}</p></blockquote>'
        for quote in testimonial.get("quotes") or []
    )
    meta = "".join(
        f'<span class="testimonial__meta">{label}: {_text(testimonial[key])}</span> '
        for key, label in (("condition", "Condition"), ("procedure", "Procedure"))
        if testimonial.get(key)
    )
    return (
        '<li class="testimonial"><figure>'
        '<blockquote class="testimonial__headline">'
        f"<p>{_lines(testimonial.get('headline_quote') or '')}</p></blockquote>"
        f"{quotes}"
        f'<figcaption><span class="testimonial__name">{_text(testimonial.get("display_name"))}'
        f"</span> {meta}</figcaption></figure>"
        f'<p class="disclosure"><small>{_text(testimonial.get("disclosure"))}</small></p></li>'
    )


def _testimonials_block(value, page, ids):
    # The API leaves out testimonials that are unpublished or lack consent; each keeps its
    # disclosure, which is always shown with it.
    items = "".join(_testimonial(t) for t in value.get("testimonials") or [] if t)
    return _section(
        ids,
        value.get("heading") or "What our patients say",
        f"<ul>{items}</ul>" if items else "",
        "testimonials",
    )


def _locations_block(value, page, ids):
    # An empty choice in the CMS means "the page's own locations" (a procedure's `locations`).
    cards = value.get("locations") or (page.get("locations") if value.get("from_page") else [])
    return _section(ids, value.get("heading") or "Locations", _page_cards(cards), "locations")


def _physicians_block(value, page, ids):
    return _section(
        ids,
        value.get("heading") or "Physicians",
        _physician_cards(value.get("physicians")),
        "physicians",
    )


def _procedures_block(value, page, ids):
    return _section(
        ids,
        value.get("heading") or "Procedures",
        _page_cards(value.get("procedures")),
        "procedures",
    )


BLOCK_RENDERERS = {
    "benefits": _benefits_block,
    "conditions_treated": _conditions_block,
    "conditions": _conditions_block,
    "procedure_details": _details_block,
    "preparation": _preparation_block,
    "recovery": _recovery_block,
    "statistic": _statistic_block,
    "call_to_action": _call_to_action_block,
    "call_to_action_band": _call_to_action_band_block,
    "testimonials": _testimonials_block,
    "locations": _locations_block,
    "physicians": _physicians_block,
    "featured_procedures": _procedures_block,
    "heading": _heading_block,
    "text": _text_block,
    "image": _image_block,
    "faq": _faq_block,
    "video": _video_block,
}
