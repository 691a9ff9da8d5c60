"""A partner's render of Foramen's procedure and location pages, typed by the generated client.

The models come from openapi-python-client run on /api/v3/openapi.json into a
package named ``foramen_v3`` (tests/api/test_generated_python_client.py). Each
``match`` over a StreamField block ends in ``assert_never``, so mypy fails on a
block type the API adds without this render handling it. The same HTML as
clients/typescript/src/render.ts.

    python render.py ANSWER.json ...   (v3 page detail answers, one article each)
"""

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, assert_never

from foramen_v3.models import (
    CallToAction,
    Claim,
    Image,
    LocationBodyBlockCallToAction,
    LocationBodyBlockFaq,
    LocationBodyBlockFaqValueItemsItem,
    LocationBodyBlockHeading,
    LocationBodyBlockImage,
    LocationBodyBlockPhysicians,
    LocationBodyBlockStatistic,
    LocationBodyBlockTestimonials,
    LocationBodyBlockText,
    LocationBodyBlockVideo,
    LocationPageSchema,
    PageCard,
    Physician,
    ProcedureBodyBlockBenefits,
    ProcedureBodyBlockCallToAction,
    ProcedureBodyBlockConditionsTreated,
    ProcedureBodyBlockFaq,
    ProcedureBodyBlockFaqValueItemsItem,
    ProcedureBodyBlockHeading,
    ProcedureBodyBlockImage,
    ProcedureBodyBlockLocations,
    ProcedureBodyBlockPhysicians,
    ProcedureBodyBlockPreparation,
    ProcedureBodyBlockProcedureDetails,
    ProcedureBodyBlockRecovery,
    ProcedureBodyBlockRisks,
    ProcedureBodyBlockStatistic,
    ProcedureBodyBlockTestimonials,
    ProcedureBodyBlockText,
    ProcedureBodyBlockVideo,
    ProcedurePageSchema,
    ProcedurePageSchemaProcedureType,
    RenditionFormat,
    Testimonial,
)
from foramen_v3.types import Unset

ProcedureBlock = (
    ProcedureBodyBlockBenefits
    | ProcedureBodyBlockCallToAction
    | ProcedureBodyBlockConditionsTreated
    | ProcedureBodyBlockFaq
    | ProcedureBodyBlockHeading
    | ProcedureBodyBlockImage
    | ProcedureBodyBlockLocations
    | ProcedureBodyBlockPhysicians
    | ProcedureBodyBlockPreparation
    | ProcedureBodyBlockProcedureDetails
    | ProcedureBodyBlockRecovery
    | ProcedureBodyBlockRisks
    | ProcedureBodyBlockStatistic
    | ProcedureBodyBlockTestimonials
    | ProcedureBodyBlockText
    | ProcedureBodyBlockVideo
)
LocationBlock = (
    LocationBodyBlockCallToAction
    | LocationBodyBlockFaq
    | LocationBodyBlockHeading
    | LocationBodyBlockImage
    | LocationBodyBlockPhysicians
    | LocationBodyBlockStatistic
    | LocationBodyBlockTestimonials
    | LocationBodyBlockText
    | LocationBodyBlockVideo
)
Question = ProcedureBodyBlockFaqValueItemsItem | LocationBodyBlockFaqValueItemsItem

PROCEDURE_TYPE_LABELS = {
    ProcedurePageSchemaProcedureType.SURGICAL: "Surgical",
    ProcedurePageSchemaProcedureType.MINIMALLY_INVASIVE: "Minimally invasive",
    ProcedurePageSchemaProcedureType.NON_SURGICAL: "Non-surgical",
}


def escape_html(text: str) -> str:
    return "".join(
        f"&#{ord(character)};" if character in "&<>\"'" else character for character in text
    )


def picture(image: Image | None, alt: str) -> str:
    if image is None:
        return ""

    def srcset(format_: RenditionFormat) -> str:
        return ", ".join(
            f"{rendition.url} {rendition.width}w"
            for rendition in image.renditions
            if rendition.format_ == format_
        )

    return (
        f'<picture><source type="image/webp" srcset="{srcset(RenditionFormat.WEBP)}">'
        f'<img srcset="{srcset(RenditionFormat.JPEG)}" alt="{escape_html(alt)}" '
        f'width="{image.width}" height="{image.height}"></picture>'
    )


def cards(heading: str, pages: Sequence[PageCard]) -> str:
    items = "".join(
        f'<li><a href="{card.url}">{escape_html(card.title)}</a></li>' for card in pages
    )
    return f"<section><h2>{escape_html(heading)}</h2><ul>{items}</ul></section>"


def call_to_action(action: CallToAction | None) -> str:
    if action is None:
        return ""
    return (
        f"<aside><h2>{escape_html(action.heading)}</h2>"
        f'<a href="{action.url}">{escape_html(action.label)}</a></aside>'
    )


def connection(testimonial: Testimonial) -> str:
    """The patient's connection to the clinic, which the FTC requires shown (may be empty)."""
    sentence = testimonial.connection_disclosure
    return f"{escape_html(sentence)} " if sentence else ""


def testimonials(heading: str | None, quoted: Sequence[Testimonial]) -> str:
    items = "".join(
        f"<blockquote>{escape_html(testimonial.headline_quote)}<footer>"
        f"{escape_html(testimonial.display_name)}. {connection(testimonial)}"
        f"{escape_html(testimonial.disclosure)}"
        "</footer></blockquote>"
        for testimonial in quoted
    )
    title = "" if heading is None else f"<h2>{escape_html(heading)}</h2>"
    return f"<section>{title}{items}</section>"


def physicians(heading: str, listed: Sequence[Physician]) -> str:
    names = "".join(
        f"<li>{escape_html(physician.name)}, {escape_html(physician.credentials)}</li>"
        for physician in listed
    )
    return f"<section><h2>{escape_html(heading)}</h2><ul>{names}</ul></section>"


def faq(items: Sequence[Question]) -> str:
    return "".join(
        f"<details><summary>{escape_html(item.question)}</summary>{item.answer}</details>"
        for item in items
    )


def heading(level: str, text: str) -> str:
    return f"<{level}>{escape_html(text)}</{level}>"


def statistic(claim: Claim | None) -> str:
    if claim is None:
        return ""
    measured = f"<strong>{escape_html(claim.figure)}</strong> {escape_html(claim.wording)}"
    period = "" if claim.period == "" else f", {escape_html(claim.period)}"
    return f"<p>{measured} <small>{escape_html(claim.source)}{period}</small></p>"


def video(url: str, title: str) -> str:
    return f'<a href="{url}">{escape_html(title)}</a>'


def procedure_block(block: ProcedureBlock) -> str:
    match block:
        case ProcedureBodyBlockBenefits(value=value):
            items = "".join(f"<li>{escape_html(item.title)}</li>" for item in value.items)
            return f"<h2>{escape_html(value.heading)}</h2><ul>{items}</ul>"
        case ProcedureBodyBlockConditionsTreated(value=value):
            return cards(value.heading, value.conditions)
        case ProcedureBodyBlockProcedureDetails(value=value) | ProcedureBodyBlockRisks(value=value):
            return f"<h2>{escape_html(value.heading)}</h2>{value.text}"
        case ProcedureBodyBlockPreparation(value=value):
            items = "".join(f"<li>{escape_html(item)}</li>" for item in value.checklist)
            return f"<h2>{escape_html(value.heading)}</h2><ul>{items}</ul>"
        case ProcedureBodyBlockRecovery(value=value):
            return f"<h2>{escape_html(value.heading)}</h2>{value.intro}"
        case ProcedureBodyBlockCallToAction(value=value):
            return call_to_action(value)
        case ProcedureBodyBlockTestimonials(value=value):
            return testimonials(value.heading, value.testimonials)
        case ProcedureBodyBlockPhysicians(value=value):
            return physicians(value.heading, value.physicians)
        case ProcedureBodyBlockLocations(value=value):
            return cards(value.heading, value.locations)
        case ProcedureBodyBlockFaq(value=value):
            return faq(value.items)
        case ProcedureBodyBlockHeading(value=value):
            return heading(value.level.value, value.text)
        case ProcedureBodyBlockImage(value=value):
            return picture(value.image, value.alt_text)
        case ProcedureBodyBlockStatistic(value=value):
            return statistic(value.claim)
        case ProcedureBodyBlockText(value=value):
            return value
        case ProcedureBodyBlockVideo(value=value):
            return video(value.url, value.title)
        case _:
            assert_never(block)


def location_block(block: LocationBlock) -> str:
    match block:
        case LocationBodyBlockCallToAction(value=value):
            return call_to_action(value)
        case LocationBodyBlockFaq(value=value):
            return faq(value.items)
        case LocationBodyBlockHeading(value=value):
            return heading(value.level.value, value.text)
        case LocationBodyBlockImage(value=value):
            return picture(value.image, value.alt_text)
        case LocationBodyBlockPhysicians(value=value):
            return physicians(value.heading, value.physicians)
        case LocationBodyBlockStatistic(value=value):
            return statistic(value.claim)
        case LocationBodyBlockTestimonials(value=value):
            return testimonials(value.heading, value.testimonials)
        case LocationBodyBlockText(value=value):
            return value
        case LocationBodyBlockVideo(value=value):
            return video(value.url, value.title)
        case _:
            assert_never(block)


def hero(image: Image | None | Unset) -> str:
    return picture(image, image.alt) if isinstance(image, Image) else ""


def render_procedure(page: ProcedurePageSchema) -> str:
    body = "\n".join(map(procedure_block, page.body or []))
    return (
        f"<article><h1>{escape_html(page.title)}</h1>"
        f"<p>{PROCEDURE_TYPE_LABELS[page.procedure_type]}</p>{hero(page.hero)}{body}</article>"
    )


def render_location(page: LocationPageSchema) -> str:
    body = "\n".join(map(location_block, page.body or []))
    address = (
        f"{escape_html(page.street_address)}, {escape_html(page.city)}, "
        f"{page.state.value} {page.zip_code}"
    )
    return (
        f"<article><h1>{escape_html(page.title)}</h1><address>{address}<br>"
        f'<a href="tel:{page.main_phone}">{escape_html(page.main_phone)}</a></address>'
        f"{body}</article>"
    )


def render_page(answer: Mapping[str, Any]) -> str | None:
    """One detail answer of /api/v3/pages/{id}/, parsed by the model its meta.type names."""
    match answer["meta"]["type"]:
        case "procedures.ProcedurePage":
            return render_procedure(ProcedurePageSchema.from_dict(answer))
        case "locations.LocationPage":
            return render_location(LocationPageSchema.from_dict(answer))
        case _:
            return None


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(render_page(json.loads(Path(path).read_text())) or "")
