"""The StreamField blocks of a page's body, each from its plain API JSON."""

from .markup import (
    HERO_SIZES,
    esc,
    lines,
    link_html,
    page_cards,
    paragraph,
    paragraphs,
    physician_cards,
    picture_html,
    rich_text,
    safe_url,
    section,
)


def render_block(block, page, ids):
    """One block of a page's body; block types this site does not know are left out."""
    renderer = BLOCK_RENDERERS.get(block.get("type"))
    if renderer is None or block.get("value") is None:
        return ""
    return renderer(block["value"], page, ids)


def _heading_block(value, page, ids):
    level = value.get("level") if value.get("level") in ("h2", "h3") else "h2"
    return f"<{level}>{esc(value.get('text'))}</{level}>"


def _text_block(value, page, ids):
    return rich_text(value)


def _image_block(value, page, ids):
    picture = picture_html(value.get("image"), sizes=HERO_SIZES, alt=value.get("alt_text"))
    if not picture:
        return ""
    caption = value.get("caption")
    caption_html = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="image">{picture}{caption_html}</figure>'


def _statistic_block(value, page, ids):
    claim = value.get("claim")
    if not claim:
        return ""
    attribution = ", ".join(part for part in (claim.get("source"), claim.get("period")) if part)
    source_html = (
        f'<p class="statistic__source">Source: {esc(attribution)}</p>' if attribution else ""
    )
    return (
        f'<aside class="statistic"><p><strong class="statistic__figure">'
        f"{esc(claim.get('figure'))}</strong> {esc(claim.get('wording'))}</p>"
        f"{source_html}</aside>"
    )


def _faq_block(value, page, ids):
    items = "".join(
        f"<details><summary>{esc(item.get('question'))}</summary>"
        f"{rich_text(item.get('answer'))}</details>"
        for item in value.get("items") or []
    )
    return section(ids, value.get("heading") or "Frequently asked questions", items, "faq")


def _video_block(value, page, ids):
    link = link_html(value.get("url"), value.get("title") or "Watch the video", rel="noopener")
    transcript = value.get("transcript")
    transcript_html = (
        f"<details><summary>Transcript</summary>{paragraphs(transcript)}</details>"
        if transcript
        else ""
    )
    return f'<div class="video"><p>Video: {link}</p>{transcript_html}</div>'


def _benefits_block(value, page, ids):
    items = "".join(
        f'<li class="benefit"><strong class="benefit__title">{esc(item.get("title"))}</strong> '
        f'<span class="benefit__text">{esc(item.get("text"))}</span></li>'
        for item in value.get("items") or []
    )
    return section(ids, value.get("heading"), f"<ul>{items}</ul>" if items else "", "benefits")


def _conditions_block(value, page, ids):
    # An empty choice in the CMS means "the conditions this procedure treats".
    cards = value.get("conditions") or (page.get("conditions") if value.get("from_page") else [])
    inner = rich_text(value.get("intro")) + page_cards(cards)
    return section(ids, value.get("heading") or "Conditions", inner, "conditions")


def _details_block(value, page, ids):
    return section(ids, value.get("heading"), rich_text(value.get("text")), "procedure-details")


def _preparation_block(value, page, ids):
    checklist = "".join(f"<li>{esc(item)}</li>" for item in value.get("checklist") or [])
    inner = rich_text(value.get("text"))
    if checklist:
        inner += f'<ul class="checklist">{checklist}</ul>'
    return section(ids, value.get("heading"), inner, "preparation")


def _recovery_block(value, page, ids):
    inner = rich_text(value.get("intro"))
    steps = "".join(
        f"<li><dl><dt>{esc(step.get('when'))}</dt>"
        f"<dd>{lines(step.get('what_to_expect') or '')}</dd></dl></li>"
        for step in value.get("timeline") or []
    )
    if steps:
        inner += f'<h3>Recovery timeline</h3><ol class="timeline">{steps}</ol>'
    if value.get("return_to_activity"):
        inner += (
            f"<h3>Returning to your usual activities</h3>{paragraph(value['return_to_activity'])}"
        )
    return section(ids, value.get("heading"), inner, "recovery")


def _call_to_action(value, ids, level=2):
    """A call to action; a phone call links to tel: and shows the number, e.g. (877) 474-2225."""
    heading_id = ids.new("cta")
    kind = value.get("kind") or "page"
    parts = [
        f'<section class="cta cta--{esc(kind)}" aria-labelledby="{heading_id}">',
        f'<h{level} id="{heading_id}">{esc(value.get("heading"))}</h{level}>',
        paragraphs(value.get("text")),
    ]
    phone = value.get("phone")
    if kind == "phone" and phone:
        href = safe_url(phone.get("url")) or safe_url(value.get("url"))
        if href:
            parts.append(
                f'<p><a class="cta__button" href="{esc(href)}">'
                f"{esc(phone.get('display') or phone.get('e164'))}</a></p>"
            )
    else:
        href = safe_url(value.get("url"))
        # No link when the target is missing, e.g. a page that is not published.
        if href:
            rel = ' rel="noopener"' if kind == "url" else ""
            parts.append(
                f'<p><a class="cta__button" href="{esc(href)}"{rel}>'
                f"{esc(value.get('label'))}</a></p>"
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
    return section(ids, value["heading"], ctas, "cta-band")


def _testimonial(testimonial):
    quotes = "".join(
        f'<blockquote class="testimonial__quote"><p>{lines(quote)}</p></blockquote>'
        for quote in testimonial.get("quotes") or []
    )
    meta = "".join(
        f'<span class="testimonial__meta">{label}: {esc(testimonial[key])}</span> '
        for key, label in (("condition", "Condition"), ("procedure", "Procedure"))
        if testimonial.get(key)
    )
    return (
        '<li class="testimonial"><figure>'
        '<blockquote class="testimonial__headline">'
        f"<p>{lines(testimonial.get('headline_quote') or '')}</p></blockquote>"
        f"{quotes}"
        f'<figcaption><span class="testimonial__name">{esc(testimonial.get("display_name"))}'
        f"</span> {meta}</figcaption></figure>"
        f'<p class="disclosure"><small>{esc(testimonial.get("disclosure"))}</small></p></li>'
    )


def _testimonials_block(value, page, ids):
    # The API leaves out testimonials that are unpublished or not authorized; each keeps its
    # disclosure, which is always shown with it.
    items = "".join(_testimonial(t) for t in value.get("testimonials") or [] if t)
    return section(
        ids,
        value.get("heading") or "What our patients say",
        f"<ul>{items}</ul>" if items else "",
        "testimonials",
    )


def _locations_block(value, page, ids):
    # An empty choice in the CMS means "the page's own locations" (a procedure's `locations`).
    cards = value.get("locations") or (page.get("locations") if value.get("from_page") else [])
    return section(ids, value.get("heading") or "Locations", page_cards(cards), "locations")


def _physicians_block(value, page, ids):
    return section(
        ids,
        value.get("heading") or "Physicians",
        physician_cards(value.get("physicians")),
        "physicians",
    )


def _procedures_block(value, page, ids):
    return section(
        ids,
        value.get("heading") or "Procedures",
        page_cards(value.get("procedures")),
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
