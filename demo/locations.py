"""Location pages, looked up by slug under the locations index.

Addresses are invented; phone numbers use the 555-01xx range that is reserved
for fiction, and pass core.phone validation.
"""

import datetime
from decimal import Decimal

from demo.base import block, clean_children, cta_block, ensure_page, paragraphs
from locations.models import (
    LocationGalleryImage,
    LocationHours,
    LocationPage,
    LocationPhysician,
    LocationService,
)

WEEKDAY_HOURS = (datetime.time(7, 0), datetime.time(17, 0))
FRIDAY_HOURS = (datetime.time(7, 0), datetime.time(15, 30))

LOCATIONS = {
    "dallas-tx": {
        "title": "Dallas, Texas",
        "city": "Dallas",
        "state": "TX",
        "street_address": "4150 Cedar Springs Parkway, Suite 300",
        "zip_code": "75219",
        "latitude": Decimal("32.812500"),
        "longitude": Decimal("-96.815000"),
        "main_phone": "+12145550100",
        "phone_24_7": "+12145550199",
        "summary": (
            "Our Dallas facility near Uptown, with two procedure suites and on-site imaging."
        ),
        "directions": (
            "From the Dallas North Tollway, take the Wycliff Avenue exit east, then turn left "
            "onto Cedar Springs Parkway. The building is on the right, after the pharmacy."
        ),
        "parking": (
            "Free patient parking in the garage behind the building; bring your ticket "
            "to reception for validation."
        ),
        "accessibility": (
            "Step-free entrance from the garage, lifts to every floor, six "
            "accessible parking spaces by the entrance and a hearing loop at reception."
        ),
        "about": (
            "Our Dallas facility opened in 2012 and was designed from the ground up for "
            "minimally invasive, outpatient spine surgery. Most patients arrive in the morning "
            "and go home the same afternoon."
        ),
        "procedures": [
            "lumbar-foraminotomy",
            "laminotomy-laminectomy",
            "microdiscectomy",
            "cervical-foraminotomy",
            "spinal-cord-stimulation",
            "sacroiliac-joint-fusion",
        ],
        "physicians": ["1234567893", "1450987627"],
        "testimonials": ["Larry L.", "Maria G."],
        "gallery": [
            (
                "dallas-tx-lobby",
                "Bright reception area with seating and a front desk",
                "The reception area",
            ),
            (
                "dallas-tx-suite",
                "Procedure suite with an operating table and imaging monitors",
                "One of our two procedure suites",
            ),
        ],
    },
    "atlanta-ga": {
        "title": "Atlanta, Georgia",
        "city": "Atlanta",
        "state": "GA",
        "street_address": "2870 Peachtree Commons Way, Suite 210",
        "zip_code": "30305",
        "latitude": Decimal("33.839000"),
        "longitude": Decimal("-84.380000"),
        "main_phone": "+14045550120",
        "phone_24_7": "+14045550198",
        "summary": "Our Buckhead facility, a short walk from the Peachtree Road bus stops.",
        "directions": (
            "From I-75, take exit 255 onto West Paces Ferry Road, then turn left onto "
            "Peachtree Road and right onto Peachtree Commons Way."
        ),
        "parking": "Free parking on levels 1 and 2 of the Commons garage.",
        "accessibility": (
            "Automatic doors, lifts from every garage level and wheelchairs "
            "available at the entrance."
        ),
        "about": (
            "The Atlanta facility focuses on decompression surgery of the neck and lower back "
            "and on pain management, with a dedicated recovery suite for same-day patients."
        ),
        "procedures": [
            "lumbar-foraminotomy",
            "laminotomy-laminectomy",
            "cervical-foraminotomy",
            "spinal-cord-stimulation",
            "sacroiliac-joint-fusion",
        ],
        "physicians": ["1987654328", "1450987627"],
        "testimonials": ["Dennis R.", "Angela T."],
        "gallery": [
            (
                "atlanta-ga-lobby",
                "Reception area with armchairs and large windows",
                "The waiting area",
            ),
            ("atlanta-ga-suite", "Recovery suite with reclining chairs", "The recovery suite"),
        ],
    },
    "phoenix-az": {
        "title": "Phoenix, Arizona",
        "city": "Phoenix",
        "state": "AZ",
        "street_address": "1900 East Camelback Terrace, Suite 150",
        "zip_code": "85016",
        "latitude": Decimal("33.509000"),
        "longitude": Decimal("-112.040000"),
        "main_phone": "+16025550140",
        "phone_24_7": "+16025550197",
        "summary": "Our Camelback Corridor facility, with shaded parking and on-site imaging.",
        "directions": (
            "From State Route 51, take the Camelback Road exit west; Camelback Terrace is the "
            "second right. The entrance faces the courtyard fountain."
        ),
        "parking": "Free covered parking directly in front of the entrance.",
        "accessibility": (
            "Single-storey building with step-free access throughout and "
            "accessible parking beside the entrance."
        ),
        "about": (
            "Our newest facility opened in 2021, with an imaging room so that patients can have "
            "a scan and see their physician on the same visit."
        ),
        "procedures": [
            "lumbar-foraminotomy",
            "laminotomy-laminectomy",
            "microdiscectomy",
            "cervical-foraminotomy",
        ],
        "physicians": ["1234567893"],
        "testimonials": ["Maria G."],
        "gallery": [
            ("phoenix-az-lobby", "Reception desk in a bright lobby", "The lobby"),
            (
                "phoenix-az-suite",
                "Imaging room with an upright MRI scanner",
                "The on-site imaging room",
            ),
        ],
    },
}


def _hours():
    rows = []
    for weekday in LocationHours.Weekday:
        if weekday >= LocationHours.Weekday.SATURDAY:
            rows.append(LocationHours(weekday=weekday, closed=True))
        else:
            friday = weekday == LocationHours.Weekday.FRIDAY
            opens, closes = FRIDAY_HOURS if friday else WEEKDAY_HOURS
            rows.append(LocationHours(weekday=weekday, opens=opens, closes=closes))
    return clean_children(rows)


def _body(ctx, data):
    return [
        block("heading", {"text": f"About our {data['city']} facility", "level": "h2"}),
        block("text", paragraphs(data["about"])),
        block(
            "physicians",
            {
                "heading": f"Physicians in {data['city']}",
                "physicians": [ctx.physicians[npi].pk for npi in data["physicians"]],
            },
        ),
        block(
            "testimonials",
            {
                "heading": "What our patients say",
                "testimonials": [ctx.testimonials[name].pk for name in data["testimonials"]],
            },
        ),
        cta_block(ctx.calls_to_action["mri-review"]),
    ]


LOCATION_FIELDS = (
    "title",
    "city",
    "state",
    "street_address",
    "zip_code",
    "latitude",
    "longitude",
    "main_phone",
    "phone_24_7",
    "summary",
)


def location_facts(ctx, data, hours):
    """The fields and inline rows every demo location page has, from its data."""
    return {
        **{name: data[name] for name in LOCATION_FIELDS},
        "hours": hours,
        "services": clean_children(
            [LocationService(procedure=ctx.procedures[key]) for key in data["procedures"]]
        ),
        "physician_links": clean_children(
            [LocationPhysician(physician=ctx.physicians[npi]) for npi in data["physicians"]]
        ),
    }


def _build(ctx, slug, data):
    return LocationPage(
        **location_facts(ctx, data, _hours()),
        directions=data["directions"],
        parking=data["parking"],
        accessibility=data["accessibility"],
        search_description=f"Demo: North American Spine in {data['city']}, {data['state']}.",
        hero_image=ctx.images[slug],
        gallery_images=clean_children(
            [
                LocationGalleryImage(image=ctx.images[key], alt_text=alt, caption=caption)
                for key, alt, caption in data["gallery"]
            ]
        ),
        body=_body(ctx, data),
    )


def ensure_locations(ctx):
    parent = ctx.indexes["locations"]
    for slug, data in LOCATIONS.items():
        ctx.locations[slug] = ensure_page(
            ctx, "Pages", parent, slug, lambda slug=slug, data=data: _build(ctx, slug, data)
        )
    return ctx.locations
