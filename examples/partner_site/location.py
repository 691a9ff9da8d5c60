"""A location page: contact details, opening hours, services, physicians, photos."""

from urllib.parse import urlencode

from .blocks import render_block
from .document import document, require_type
from .markup import (
    HERO_SIZES,
    Ids,
    esc,
    gallery_html,
    link_html,
    page_cards,
    paragraph,
    paragraphs,
    phone_link,
    physician_cards,
    picture_html,
    section,
    time_html,
)


def render_location(page, site_name="Partner site"):
    """The HTML document of a location page (the API JSON of a locations.LocationPage)."""
    require_type(page, "locations.LocationPage")
    ids = Ids()
    parts = [
        '<header class="page-header">',
        f"<h1>{esc(page.get('title'))}</h1>",
        paragraph(page.get("summary"), "lead"),
        picture_html(page.get("hero"), sizes=HERO_SIZES, loading="eager", css_class="hero"),
        "</header>",
        _location_contact(page, ids),
        _opening_hours(page, ids),
        section(
            ids,
            "Procedures offered here",
            page_cards(page.get("procedures_offered"), level=3),
            "services",
        ),
        section(ids, "Our physicians", physician_cards(page.get("physicians")), "physicians"),
        section(ids, "Directions", paragraphs(page.get("directions")), "directions"),
        section(ids, "Parking", paragraphs(page.get("parking")), "parking"),
        section(ids, "Accessibility", paragraphs(page.get("accessibility")), "accessibility"),
        section(ids, "Photos", gallery_html(page.get("gallery")), "gallery"),
    ]
    body = page.get("body") or []
    parts.extend(render_block(block, page, ids) for block in body)
    return document(page, "\n".join(part for part in parts if part), site_name, "location")


def _location_contact(page, ids):
    address = (
        f"<address>{esc(page.get('street_address'))}<br>"
        f"{esc(page.get('city'))}, {esc(page.get('state'))} {esc(page.get('zip_code'))}"
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
        address += f"<p>{link_html(map_url, 'Show on a map', rel='noopener')}</p>"
    phones = page.get("phones") or {}
    rows = [
        f"<dt>{label}</dt><dd>{phone_link(phones[key])}</dd>"
        for key, label in (("main", "Main phone"), ("24_7", "24/7 phone"))
        if phones.get(key)
    ]
    phones_html = f'<dl class="phones">{"".join(rows)}</dl>' if rows else ""
    return section(ids, "Address and phone", address + phones_html, "contact")


def _opening_hours(page, ids):
    rows = []
    for day in page.get("opening_hours") or []:
        if day.get("closed") or not day.get("opens") or not day.get("closes"):
            hours = "Closed"
        else:
            hours = f"{time_html(day['opens'])} to {time_html(day['closes'])}"
        rows.append(f'<tr><th scope="row">{esc(day.get("day"))}</th><td>{hours}</td></tr>')
    if not rows:
        return ""
    caption = f"Opening hours at {esc(page.get('title'))}"
    table = (
        f'<table><caption class="visually-hidden">{caption}</caption>'
        '<thead><tr><th scope="col">Day</th><th scope="col">Hours</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return section(ids, "Opening hours", table, "hours")
