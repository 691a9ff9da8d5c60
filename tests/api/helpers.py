"""A procedure page as rich as the demo's Lumbar Foraminotomy, with all it shows, on a site
of its own: what the API tests serialize, compare and count queries on."""

import datetime
import json
from dataclasses import dataclass

from core.factories import (
    CallToActionFactory,
    ClaimFactory,
    ImageFactory,
    PhoneCallToActionFactory,
)
from core.models import CallToAction
from leads.factories import LeadFormPageFactory
from locations.factories import LocationPageFactory
from locations.models import LocationGalleryImage, LocationHours, LocationPhysician, LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedureCondition
from tests.builders import published

#: The conditions the demo's Lumbar Foraminotomy treats, by slug.
CONDITIONS = {
    "degenerative-disc-disease": "Degenerative Disc Disease",
    "herniated-disc": "Herniated Disc",
    "bulging-disc": "Bulging Disc",
    "spinal-stenosis": "Spinal Stenosis",
}
DETAILS = (
    "Lumbar foraminotomy aims to relieve the symptoms of nerve impingement in the lower spine by "
    "enlarging the neural foramen."
)
WEEKDAYS_OPEN = range(5)  # Monday to Friday


@dataclass
class ProcedureScene:
    """The procedure and what it shows: conditions, clinics, a testimonial, calls to action."""

    site: object
    procedure: object
    conditions: dict
    clinics: list
    testimonial: object
    page_call_to_action: object
    phone_call_to_action: object


def a_wide_image():
    """An image wider than the API's widest rendition, with a focal point."""
    return ImageFactory(
        file__width=2000,
        file__height=1200,
        focal_point_x=900,
        focal_point_y=500,
        focal_point_width=200,
        focal_point_height=200,
    )


def a_testimonial(display_name="Larry L.", **fields):
    """A published, consented testimonial with a headline and two longer quotes."""
    return TestimonialFactory(
        display_name=display_name,
        quotes=[
            {"type": "quote", "value": "I feel I have been given a new body."},
            {"type": "quote", "value": "I could not sleep because of the pain."},
        ],
        **fields,
    )


def a_page_call_to_action(page, heading):
    return CallToActionFactory(
        kind=CallToAction.Kind.PAGE, link_url="", link_page=page, heading=heading
    )


def a_clinic(built, *, procedures=(), physicians=(), **fields):
    """A live clinic of the built site, open Monday to Friday, with a photo, offering
    procedures, where physicians practise."""
    clinic = LocationPageFactory(parent=built.locations, **fields)
    for weekday in WEEKDAYS_OPEN:
        LocationHours.objects.create(
            page=clinic,
            sort_order=weekday,
            weekday=weekday,
            opens=datetime.time(8),
            closes=datetime.time(17),
        )
    LocationGalleryImage.objects.create(
        page=clinic, locale=clinic.locale, image=ImageFactory(), alt_text="The clinic's entrance"
    )
    for procedure in procedures:
        LocationService.objects.create(page=clinic, procedure=procedure)
    for physician in physicians:
        LocationPhysician.objects.create(page=clinic, physician=physician)
    return clinic


def procedure_body(page_call_to_action, phone_call_to_action, testimonial):
    """The demo's Lumbar Foraminotomy body, block for block, with shorter texts."""
    return [
        {
            "type": "benefits",
            "value": {
                "heading": "Benefits of Lumbar Foraminotomy",
                "items": [
                    {"title": "Relief", "text": "Pain and numbness are relieved."},
                    {"title": "Outpatient", "text": "Usually performed as an outpatient."},
                    {"title": "Best Outcomes", "text": "95% would recommend their physician."},
                ],
            },
        },
        {
            "type": "conditions_treated",
            "value": {"heading": "What Lumbar Foraminotomy Treats", "intro": "", "conditions": []},
        },
        {
            "type": "statistic",
            "value": {"claim": ClaimFactory(wording="would recommend").pk},
        },
        {
            "type": "call_to_action",
            "value": {"call_to_action": page_call_to_action.pk, "heading": ""},
        },
        {
            "type": "procedure_details",
            "value": {"heading": "Details", "text": f"<p>{DETAILS}</p>"},
        },
        {
            "type": "preparation",
            "value": {"heading": "Preparing", "text": "<p>Try therapy first.</p>", "checklist": []},
        },
        {"type": "locations", "value": {"heading": "Explore Our Facilities", "locations": []}},
        {
            "type": "recovery",
            "value": {
                "heading": "Recovery",
                "intro": "<p>This procedure is typically performed on an outpatient basis.</p>",
                "timeline": [
                    {"when": "Day of surgery", "what_to_expect": "Most patients go home."},
                    {"when": "Weeks 2 to 6", "what_to_expect": "Physical therapy."},
                ],
                "return_to_activity": "Within several weeks.",
            },
        },
        {"type": "testimonials", "value": {"heading": "", "testimonials": [testimonial.pk]}},
        {
            "type": "call_to_action",
            "value": {"call_to_action": page_call_to_action.pk, "heading": "Connect With Us"},
        },
        {
            "type": "call_to_action",
            "value": {"call_to_action": phone_call_to_action.pk, "heading": ""},
        },
    ]


def a_lumbar_foraminotomy(built, *, clinics=2):
    """The demo's Lumbar Foraminotomy on the built site, published, with its four conditions,
    clinics that offer it (with physicians), a reviewer, a hero image, and a body of every
    kind of block: the page the API tests serialize."""
    conditions = {
        slug: ConditionPageFactory(parent=built.conditions, slug=slug, title=title)
        for slug, title in CONDITIONS.items()
    }
    testimonial = a_testimonial()
    page_call_to_action = a_page_call_to_action(
        LeadFormPageFactory(parent=built.home, slug="free-mri-ct-review"), "Free MRI/CT Review"
    )
    phone_call_to_action = PhoneCallToActionFactory(heading="We love your questions!")
    procedure = ProcedurePageFactory(
        parent=built.procedures,
        title="Lumbar Foraminotomy",
        slug="lumbar-foraminotomy",
        search_description="Lumbar foraminotomy, a minimally invasive outpatient procedure.",
        hero_image=a_wide_image(),
        typical_recovery_time="Several weeks",
        medical_reviewer=PhysicianFactory(),
        last_reviewed=datetime.date.today() - datetime.timedelta(days=45),
        next_review=datetime.date.today() + datetime.timedelta(days=320),
        condition_links=[ProcedureCondition(condition=page) for page in conditions.values()],
        body=procedure_body(page_call_to_action, phone_call_to_action, testimonial),
    )
    built_clinics = [
        a_clinic(built, procedures=[procedure], physicians=[PhysicianFactory(), PhysicianFactory()])
        for _ in range(clinics)
    ]
    return ProcedureScene(
        site=built,
        procedure=published(procedure),
        conditions=conditions,
        clinics=built_clinics,
        testimonial=testimonial,
        page_call_to_action=page_call_to_action,
        phone_call_to_action=phone_call_to_action,
    )


def a_home_listing(built, featured_procedure_ids):
    """The built site's home page, published with the demo's featured procedures and an
    empty locations list (which lists every clinic of the site)."""
    return published(
        built.home,
        body=[
            {
                "type": "featured_procedures",
                "value": {"heading": "Featured procedures", "procedures": featured_procedure_ids},
            },
            {"type": "locations", "value": {"heading": "Our facilities", "locations": []}},
        ],
    )


def send_json(client, method, url, token, payload):
    """A v3 write of ``payload`` as JSON, with ``token`` as the bearer."""
    return client.generic(
        method,
        url,
        data=json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
