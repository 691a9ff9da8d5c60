"""The Lumbar Foraminotomy page, reproducing the seed content word for word.

Built after the other procedures and the testimonials, because its body shows
Larry L.'s testimonial, which names the Laminotomy/Laminectomy page.
"""

from demo.base import block, cta_block, ensure_page, paragraphs
from demo.claims import statistic_block
from demo.procedures import condition_links
from procedures.models import ProcedurePage

SLUG = "lumbar-foraminotomy"
TITLE = "Lumbar Foraminotomy"

INTRODUCTION = (
    "A foraminotomy is a minimally invasive surgical procedure performed to relieve pain in the "
    "lower spine. A small piece of bone and/or soft tissue is removed from the lumbar (lower) "
    "portion of the spine, resulting in an enlarged space through which nerve roots travel. "
    "This opening is called the neural foramen. The increased space created for the nerve "
    "typically results in a rapid and significant decrease in pain. Lower spine pain may be a "
    "result of degenerative discs, herniation, bulging discs, spinal stenosis, and more."
)

BENEFITS = [
    (
        "Relief",
        "By relieving pressure on the nerve, pain and numbness are significantly relieved after "
        "surgery, with continual gradual relief over time",
    ),
    (
        "Outpatient",
        "Usually performed as an outpatient procedure, allowing for faster recovery than "
        "traditional surgery and lower cost to the patient",
    ),
    (
        "Lower Infection Rate",
        "North American Spine facilities focus specifically on minimally invasive surgery, not "
        "on illness and infection. With an infection rate that is less than 1%, your risk of "
        "developing an infection or an illness is far lower than it would be at a large hospital",
    ),
    (
        "Minimally invasive technique",
        "allows surgeon to preserve muscle, ligaments and tendons so there is less postoperative "
        "pain.",
    ),
    ("Best Outcomes", "95% of our patients would recommend their physician"),
]

DETAILS = (
    "Lumbar foraminotomy aims to relieve the symptoms of nerve impingement in the lower spine by "
    "enlarging the neural foramen. The procedure is performed through a small incision—an inch "
    "or less in size—in the lower back. Specialized instruments are used to gain access to the "
    "compressed foramen and the intruding spinal disc material. With guidance from a surgical "
    "microscope and live X-rays displayed on a monitor, the surgeon uses specialized tools to "
    "remove the sections of the disc that are pressing on the nerve."
)

PREPARATION = (
    "Before pursuing a foraminotomy, prospective patients should have tried conservative "
    "methods, such as physical therapy, chiropractic, and spinal injections. If those methods "
    "have not produced meaningful relief, you may be a candidate for a North American Spine "
    "procedure."
)

RECOVERY = (
    "This procedure is typically performed on an outpatient basis. Many patients will notice "
    "immediate improvement of some or all of their symptoms. Other symptoms may improve more "
    "gradually. Many patients who undergo a lumbar foraminotomy can often return to their "
    "regular activities within several weeks. This can vary depending on the individual "
    "patient, number of levels treated, and other factors. Recovery will include rest, physical "
    "therapy, and may include a course of pain management medication."
)

RECOVERY_TIMELINE = [
    ("Day of surgery", "Most patients walk within a few hours and go home the same day."),
    (
        "First two weeks",
        "Rest, short walks and care of the small incision; avoid lifting, bending and twisting.",
    ),
    (
        "Weeks 2 to 6",
        "Physical therapy rebuilds strength and flexibility; many patients return to desk work.",
    ),
]

RETURN_TO_ACTIVITY = (
    "Many patients return to their regular activities within several weeks; your surgeon will "
    "tell you when heavier work and exercise are safe."
)

#: Its medical reviewer's NPI and the days since the review (demo.medical_reviews).
REVIEWER = "1234567893"
REVIEWED = -45
CONDITIONS = ["degenerative-disc-disease", "herniated-disc", "bulging-disc", "spinal-stenosis"]


def _body(ctx):
    ctas = ctx.calls_to_action
    return [
        block(
            "benefits",
            {
                "heading": "Benefits of Lumbar Foraminotomy",
                "items": [{"title": title, "text": text} for title, text in BENEFITS],
            },
        ),
        block(
            "conditions_treated",
            {"heading": "What Lumbar Foraminotomy Treats", "intro": "", "conditions": []},
        ),
        statistic_block(ctx.claims["recommend"]),
        cta_block(ctas["mri-review"]),
        block(
            "procedure_details",
            {"heading": "Details of the Lumbar Foraminotomy", "text": paragraphs(DETAILS)},
        ),
        block(
            "preparation",
            {
                "heading": "Preparing for the Lumbar Foraminotomy",
                "text": paragraphs(PREPARATION),
                "checklist": [],
            },
        ),
        block("locations", {"heading": "Explore Our Facilities", "locations": []}),
        block(
            "recovery",
            {
                "heading": "Lumbar Foraminotomy Recovery",
                "intro": paragraphs(RECOVERY),
                "timeline": [
                    {"when": when, "what_to_expect": text} for when, text in RECOVERY_TIMELINE
                ],
                "return_to_activity": RETURN_TO_ACTIVITY,
            },
        ),
        cta_block(ctas["info-kit"]),
        block("testimonials", {"heading": "", "testimonials": [ctx.testimonials["Larry L."].pk]}),
        cta_block(ctas["connect"], heading="Connect With A Patient"),
        cta_block(ctas["phone"]),
    ]


def _build(ctx):
    return ProcedurePage(
        title=TITLE,
        summary=(
            "A minimally invasive outpatient procedure that enlarges the neural foramen in the "
            "lower spine to relieve pressure on compressed nerve roots."
        ),
        search_description=(
            "Demo: lumbar foraminotomy, a minimally invasive outpatient procedure for lower "
            "back and leg pain."
        ),
        hero_image=ctx.images[SLUG],
        introduction=paragraphs(INTRODUCTION),
        procedure_type=ProcedurePage.ProcedureType.MINIMALLY_INVASIVE,
        body_region="lumbar",
        outpatient=True,
        typical_recovery_time="Several weeks",
        condition_links=condition_links(ctx, CONDITIONS),
        body=_body(ctx),
    )


def ensure_lumbar_foraminotomy(ctx):
    page = ensure_page(ctx, "Pages", ctx.indexes["procedures"], SLUG, lambda: _build(ctx))
    # Listed first wherever the demo shows procedures in order.
    ctx.procedures = {SLUG: page, **ctx.procedures}
    return page
