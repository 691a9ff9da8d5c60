"""A procedure page: its facts, body blocks and medical review."""

from .blocks import render_block
from .document import document, require_type
from .markup import (
    HERO_SIZES,
    Ids,
    date_html,
    esc,
    label_for,
    link_html,
    picture_html,
    rich_text,
    section,
)

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


def render_procedure(page, site_name="Partner site"):
    """The HTML document of a procedure page (the API JSON of a procedures.ProcedurePage)."""
    require_type(page, "procedures.ProcedurePage")
    ids = Ids()
    parts = [
        '<header class="page-header">',
        f"<h1>{esc(page.get('title'))}</h1>",
        picture_html(page.get("hero"), sizes=HERO_SIZES, loading="eager", css_class="hero"),
        rich_text(page.get("introduction"), "lead"),
        "</header>",
        _medical_review(page),
        _procedure_facts(page, ids),
    ]
    body = page.get("body") or []
    parts.extend(render_block(block, page, ids) for block in body)
    return document(page, "\n".join(part for part in parts if part), site_name, "procedure")


def _procedure_facts(page, ids):
    facts = [
        ("Procedure type", esc(label_for(page.get("procedure_type"), PROCEDURE_TYPES))),
        ("Area of the spine", esc(label_for(page.get("body_region"), BODY_REGIONS))),
        (
            "Outpatient",
            "Yes, usually no hospital stay"
            if page.get("outpatient")
            else "No, usually includes a hospital stay",
        ),
        ("Typical recovery time", esc(page.get("typical_recovery_time"))),
        ("Conditions treated", _inline_links(page.get("conditions"))),
        ("Where it is offered", _inline_links(page.get("locations"))),
    ]
    rows = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts if value)
    return section(ids, "At a glance", f"<dl>{rows}</dl>", "facts")


def _inline_links(cards):
    links = [
        f"<li>{link_html(card.get('url'), card.get('title', ''))}</li>" for card in cards or []
    ]
    if not links:
        return ""
    return f'<ul class="inline-list">{"".join(links)}</ul>'


def _medical_review(page):
    """The review line, only while the review is current (not overdue, not changed since)."""
    review = page.get("medical_review") or {}
    reviewer = review.get("reviewer")
    if review.get("status") != "current" or not reviewer:
        return ""
    name = reviewer.get("name", "")
    if reviewer.get("credentials"):
        name = f"{name}, {reviewer['credentials']}"
    return (
        f'<p class="medical-review">Medically reviewed by {esc(name)} '
        f"on {date_html(review['last_reviewed'])}.</p>"
    )
