"""Physicians (looked up by NPI) and patient testimonials (looked up by display name)."""

import datetime
import functools

from django.utils import timezone

from demo.base import paragraphs, save_snippet
from people.consent import COMPLETE_FORM, TestimonialAuthorization
from people.models import DEFAULT_TESTIMONIAL_DISCLOSURE, Physician, Testimonial

# NPI: name, credentials, specialties, portrait image key, bio. The NPIs pass the
# Luhn check (core.validators.validate_npi) but are sample numbers.
PHYSICIANS = {
    "1234567893": {
        "name": "Daniel Okafor",
        "credentials": "MD, FAAOS",
        "specialties": "Orthopedic spine surgery, Minimally invasive spine surgery",
        "photo": "daniel-okafor",
        "bio": paragraphs(
            "Dr. Okafor is a board-certified orthopedic surgeon who has focused on "
            "minimally invasive lumbar and cervical procedures for more than fifteen years.",
            "He completed his spine fellowship in Houston and sees patients in Dallas and "
            "Phoenix. Outside the clinic he coaches youth soccer.",
            "<i>Demo profile: this physician is invented sample data.</i>",
        ),
    },
    "1987654328": {
        "name": "Priya Raman",
        "credentials": "DO",
        "specialties": "Neurosurgery, Cervical spine, Spinal stenosis",
        "photo": "priya-raman",
        "bio": paragraphs(
            "Dr. Raman is a neurosurgeon with a special interest in spinal stenosis and "
            "decompression surgery of the neck and lower back.",
            "She trained in Atlanta, where she now leads the surgical team, and is known for "
            "taking the time to walk patients through their own scans.",
            "<i>Demo profile: this physician is invented sample data.</i>",
        ),
    },
    "1450987627": {
        "name": "Michael Hargrove",
        "credentials": "MD",
        "specialties": "Interventional pain management, Spinal cord stimulation, Sacroiliac joint",
        "photo": "michael-hargrove",
        "bio": paragraphs(
            "Dr. Hargrove is a physiatrist and interventional pain specialist who treats "
            "chronic back and leg pain with injections, spinal cord stimulation and "
            "sacroiliac joint fusion.",
            "He practices in Dallas and Atlanta and believes every patient should try "
            "conservative care before surgery.",
            "<i>Demo profile: this physician is invented sample data.</i>",
        ),
    },
}

DEMO_DISCLOSURE = (
    f"{DEFAULT_TESTIMONIAL_DISCLOSURE} Demo content: this testimonial is sample data for the "
    "Foramen CMS."
)

#: How long the demo's authorizations last, from the day they are loaded: the same year
#: the migration gave the consent dates it carried over (people/migrations/0005).
DEMO_CONSENT_TERM = datetime.timedelta(days=365)

# display name: condition and procedure (slugs and labels), quotes, the date the patient
# signed the authorization
TESTIMONIALS = {
    "Larry L.": {
        "condition": "spinal-stenosis",
        "condition_label": "Spinal Stenosis",
        "procedure": "laminotomy-laminectomy",
        "procedure_label": "Laminotomy/ Laminectomy",
        "headline_quote": (
            "I was having to take so much medication because of the pain that i was becoming "
            "addicted to the pain killers."
        ),
        "quotes": [
            "I feel I have been given a new body, virtually without pain. All of my symptoms "
            "have been resolved to the point where I can again enjoy life. [Now I can] GO "
            "WITHOUT PAIN medication!",
            "Quality of life was very poor before the surgery. I was in constant pain in my "
            "back and legs 24/7. I also had tremendous pain in my feet and toes. I could not "
            "wear regular shoes without a lot of pain. And I could not sleep because of the "
            "pain.",
        ],
        "consent_signed_on": datetime.date(2023, 9, 14),
    },
    "Maria G.": {
        "condition": "herniated-disc",
        "condition_label": "Herniated Disc",
        "procedure": "microdiscectomy",
        "procedure_label": "Microdiscectomy",
        "headline_quote": (
            "Within a week of my procedure I was walking my dog again without the burning "
            "pain down my leg."
        ),
        "quotes": [
            "I had put off surgery for almost a year because I was afraid of a long hospital "
            "stay. I went home the same afternoon.",
        ],
        "consent_signed_on": datetime.date(2024, 2, 6),
    },
    "Dennis R.": {
        "condition": "degenerative-disc-disease",
        "condition_label": "Degenerative Disc Disease",
        "procedure": "cervical-foraminotomy",
        "procedure_label": "Cervical Foraminotomy",
        "headline_quote": (
            "The numbness in my right hand is gone, and I can hold a coffee cup again "
            "without thinking about it."
        ),
        "quotes": [
            "My physician took the time to show me my MRI and explain exactly which nerve "
            "was pinched and why.",
        ],
        "consent_signed_on": datetime.date(2024, 5, 21),
    },
    "Angela T.": {
        "condition": "sacroiliac-joint-dysfunction",
        "condition_label": "SI Joint Pain",
        "procedure": "sacroiliac-joint-fusion",
        "procedure_label": "SI Joint Fusion",
        "headline_quote": (
            "For three years I couldn’t sit through a movie. Last month I drove six hours to "
            "see my grandkids."
        ),
        "quotes": [
            "The team called me the day after surgery to check on me, and again every week "
            "until my follow-up visit.",
        ],
        "consent_signed_on": datetime.date(2024, 8, 30),
    },
}


def demo_licence(ctx, npi):
    """A sample Texas licence, valid for two more years: the physician is credentialed."""
    return {
        "licence_state": "TX",
        "licence_number": f"DEMO{npi[-5:]}",
        "licence_expiry": ctx.days(730),
    }


def ensure_physicians(ctx):
    for npi, data in PHYSICIANS.items():
        physician = Physician.objects.filter(npi=npi).first()
        if physician is not None:
            ctx.report.add_present("Physicians")
        else:
            values = dict(data, photo=ctx.images[data["photo"]], **demo_licence(ctx, npi))
            physician = save_snippet(Physician(npi=npi, **values))
            ctx.report.add_created("Physicians")
        ctx.physicians[npi] = physician
    return ctx.physicians


def demo_authorization(testimonial, signed_on):
    """A complete authorization covering the site and partners for the quote, valid for
    DEMO_CONSENT_TERM from today (the demo is loaded afresh, or topped up, long after its
    patients signed)."""
    return TestimonialAuthorization(
        testimonial=testimonial,
        signed_on=signed_on,
        expires_on=timezone.localdate() + DEMO_CONSENT_TERM,
        covers_site=True,
        covers_partners=True,
        covers_quote=True,
        **COMPLETE_FORM,
    )


def ensure_authorization(testimonial, signed_on):
    """An active authorization of the testimonial's words, made only when none is active."""
    if not testimonial.site_authorizations().exists():
        demo_authorization(testimonial, signed_on).save()


def ensure_testimonials(ctx):
    """Published testimonials; needs the condition and procedure pages they name."""
    for display_name, data in TESTIMONIALS.items():
        testimonial = Testimonial.objects.filter(display_name=display_name).first()
        if testimonial is not None:
            ensure_authorization(testimonial, data["consent_signed_on"])
            ctx.report.add_present("Testimonials")
        else:
            values = dict(data)
            signed_on = values.pop("consent_signed_on")
            values["condition"] = ctx.conditions[data["condition"]]
            values["procedure"] = ctx.procedures[data["procedure"]]
            values["quotes"] = [{"type": "quote", "value": quote} for quote in data["quotes"]]
            testimonial = save_snippet(
                Testimonial(display_name=display_name, disclosure=DEMO_DISCLOSURE, **values),
                before_publish=functools.partial(ensure_authorization, signed_on=signed_on),
            )
            ctx.report.add_created("Testimonials")
        ctx.testimonials[display_name] = testimonial
    return ctx.testimonials
