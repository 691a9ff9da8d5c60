"""Procedure pages, looked up by slug under the procedures index.

The five procedures here share one shape; the Lumbar Foraminotomy page, which
reproduces the seed content, is built in demo.lumbar_foraminotomy.
"""

from demo.base import block, clean_children, cta_block, ensure_page, paragraphs
from procedures.models import ProcedureCondition, ProcedurePage

MI = ProcedurePage.ProcedureType.MINIMALLY_INVASIVE

PROCEDURES = {
    "laminotomy-laminectomy": {
        "title": "Laminotomy/Laminectomy",
        "summary": (
            "Removes part (laminotomy) or all (laminectomy) of the bony arch at the back of a "
            "vertebra to give compressed spinal nerves more room."
        ),
        "introduction": (
            "A laminotomy or laminectomy relieves pressure on the spinal cord and nerve roots "
            "by removing some or all of the lamina, the thin plate of bone that forms the back "
            "of the spinal canal. Performed through a small incision with a surgical "
            "microscope, it is one of the most common treatments for spinal stenosis."
        ),
        "facts": ("lumbar", True, "2 to 6 weeks"),
        "conditions": ["spinal-stenosis", "degenerative-disc-disease", "herniated-disc"],
        "reviewer": "1987654328",
        "reviewed": -100,
        "benefits": [
            (
                "Room for the nerves",
                "Widening the spinal canal takes pressure off nerves and "
                "eases leg pain, numbness and cramping.",
            ),
            ("Outpatient", "Most patients go home the same day."),
            (
                "Small incision",
                "Muscles are moved aside rather than cut, so there is less pain after surgery.",
            ),
        ],
        "details": (
            "Through an incision of about an inch, the surgeon moves the back muscles aside and "
            "uses a microscope to remove the part of the lamina, and any thickened ligament or "
            "bone spur, that narrows the canal. In a laminotomy only a small window of bone is "
            "removed; in a laminectomy the whole lamina is removed at one or more levels."
        ),
        "preparation": (
            "Candidates have usually tried physical therapy, medication and epidural "
            "injections for several months. Your physician will review your MRI or CT scan to "
            "confirm where the canal is narrowed."
        ),
        "checklist": [
            "Bring your latest MRI or CT scan and its report",
            "Ask which medications to stop before surgery",
            "Arrange for someone to drive you home",
        ],
        "recovery": (
            "Patients walk the same day and usually go home a few hours after surgery. Leg "
            "symptoms often ease quickly; back soreness around the incision settles over a "
            "few weeks."
        ),
        "timeline": [
            ("Same day", "Walking with help, then home to rest."),
            ("Weeks 1 to 2", "Short, frequent walks; no lifting, bending or twisting."),
            ("Weeks 2 to 6", "Physical therapy; most patients return to desk work."),
        ],
        "return_to_activity": (
            "Desk work after about two weeks; heavier work and sport after four to six weeks, "
            "as your surgeon advises."
        ),
    },
    "microdiscectomy": {
        "title": "Microdiscectomy",
        "summary": (
            "Removes the piece of a herniated lumbar disc that presses on a nerve root, "
            "relieving sciatica through an incision of about an inch."
        ),
        "introduction": (
            "A microdiscectomy removes the fragment of a herniated or bulging disc that "
            "presses on a spinal nerve root in the lower back. It is most often done to "
            "relieve sciatica, the sharp pain that runs from the buttock down one leg."
        ),
        "facts": ("lumbar", True, "2 to 4 weeks"),
        "conditions": ["herniated-disc", "bulging-disc"],
        "reviewer": "1234567893",
        "reviewed": -344,
        "benefits": [
            (
                "Fast leg pain relief",
                "Many patients notice their leg pain ease as soon as they wake up.",
            ),
            (
                "Disc preserved",
                "Only the loose or protruding fragment is removed; the rest of "
                "the disc keeps cushioning the spine.",
            ),
            ("Outpatient", "Patients usually go home the same day."),
        ],
        "details": (
            "Under general anaesthesia, the surgeon makes a small incision over the affected "
            "disc, gently moves the muscle aside and, with a microscope, removes the disc "
            "fragment that presses on the nerve root. The incision is closed with a few "
            "stitches under the skin."
        ),
        "preparation": (
            "Most herniated discs improve on their own, so a microdiscectomy is considered "
            "when leg pain, numbness or weakness persist after six weeks or more of "
            "conservative care, or sooner if weakness is getting worse."
        ),
        "checklist": [
            "Bring your latest MRI scan and its report",
            "Stop smoking: it slows healing of the disc",
        ],
        "recovery": (
            "Most patients walk within hours and go home the same day. Numbness may take "
            "longer to fade than pain, as the nerve recovers."
        ),
        "timeline": [
            ("Same day", "Home after a few hours, walking short distances."),
            ("Weeks 1 to 2", "Light activity; avoid sitting for long periods."),
            ("Weeks 2 to 4", "Physical therapy to strengthen the back and core."),
        ],
        "return_to_activity": "Most patients are back at work within two to four weeks.",
    },
    "cervical-foraminotomy": {
        "title": "Cervical Foraminotomy",
        "summary": (
            "Enlarges the opening where a nerve root leaves the neck, relieving arm pain, "
            "numbness and weakness without fusing the spine."
        ),
        "introduction": (
            "A cervical foraminotomy relieves pressure on a nerve root in the neck by "
            "enlarging the neural foramen, the opening through which the nerve leaves the "
            "spine. Because no disc is removed and no fusion is needed, the neck keeps its "
            "natural movement."
        ),
        "facts": ("cervical", True, "2 to 4 weeks"),
        "conditions": ["herniated-disc", "degenerative-disc-disease", "spinal-stenosis"],
        "reviewer": "1987654328",
        "reviewed": -150,
        "benefits": [
            ("Motion preserved", "No fusion is needed, so the neck keeps its range of motion."),
            (
                "Arm pain relief",
                "Freeing the nerve root relieves pain, tingling and weakness in the arm and hand.",
            ),
            ("Outpatient", "Usually performed without an overnight stay."),
        ],
        "details": (
            "Working from the back of the neck through a small incision, the surgeon uses a "
            "microscope and fine instruments to remove the bone spur, thickened ligament or "
            "disc fragment that narrows the foramen, freeing the nerve root."
        ),
        "preparation": (
            "Physical therapy, anti-inflammatory medication and injections are tried first. "
            "Your physician will match your arm symptoms to the nerve root seen on your MRI "
            "before recommending surgery."
        ),
        "checklist": ["Bring your latest neck MRI or CT scan", "Plan a week away from driving"],
        "recovery": (
            "Arm symptoms often improve quickly. Neck soreness is common for the first week "
            "or two and is managed with rest, ice and medication."
        ),
        "timeline": [
            ("Same day", "Home with a soft collar for comfort, if needed."),
            ("Weeks 1 to 2", "Gentle neck movement and walking; no driving in the first week."),
            ("Weeks 2 to 4", "Physical therapy for neck and shoulder strength."),
        ],
        "return_to_activity": "Desk work often resumes within two weeks.",
    },
    "spinal-cord-stimulation": {
        "title": "Spinal Cord Stimulation",
        "summary": (
            "A small implanted device sends mild electrical pulses to the spinal cord to mask "
            "chronic back and leg pain; patients try it for a week before deciding."
        ),
        "introduction": (
            "Spinal cord stimulation treats chronic back and leg pain that has not responded "
            "to other treatment. Thin leads placed near the spinal cord deliver mild "
            "electrical pulses that change how pain signals reach the brain. A temporary "
            "trial lets you judge the relief before a permanent device is implanted."
        ),
        "facts": ("thoracic", True, "About 4 to 6 weeks after the implant"),
        "conditions": ["spinal-stenosis", "degenerative-disc-disease"],
        "reviewer": "1450987627",
        "reviewed": -75,
        "benefits": [
            (
                "Try before you decide",
                "A trial of about a week shows how much relief the device gives.",
            ),
            ("Less medication", "Many patients are able to reduce their pain medication."),
            ("Adjustable", "Stimulation is adjusted with a handheld remote."),
        ],
        "details": (
            "For the trial, thin leads are placed in the epidural space through a needle and "
            "connected to an external stimulator. If the trial brings meaningful relief, the "
            "leads and a small battery are implanted under the skin of the lower back or "
            "buttock in a short outpatient procedure."
        ),
        "preparation": (
            "Candidates usually have had pain for at least six months despite therapy, "
            "medication or earlier surgery. A psychological evaluation, standard for this "
            "treatment, helps set realistic expectations."
        ),
        "checklist": ["Keep a pain diary before and during the trial"],
        "recovery": (
            "After the implant, patients avoid raising their arms above the head, bending and "
            "twisting while the leads settle in place."
        ),
        "timeline": [
            ("Trial week", "Normal light activity while you record your pain levels."),
            ("Weeks 1 to 2 after implant", "Rest; the incision heals."),
            ("Weeks 2 to 6", "Gradual return to activity; stimulation is fine-tuned."),
        ],
        "return_to_activity": (
            "Most patients resume normal activity about six weeks after the implant."
        ),
    },
    "sacroiliac-joint-fusion": {
        "title": "Sacroiliac Joint Fusion",
        "summary": (
            "Stabilizes a painful sacroiliac joint with small implants placed through a short "
            "incision in the side of the buttock."
        ),
        "introduction": (
            "Minimally invasive sacroiliac joint fusion stabilizes the joint between the base "
            "of the spine and the pelvis when it has been confirmed as the source of "
            "persistent lower back and buttock pain."
        ),
        "facts": ("sacral", True, "6 to 12 weeks"),
        "conditions": ["sacroiliac-joint-dysfunction"],
        "reviewer": "1450987627",
        "reviewed": -40,
        "benefits": [
            ("Stability", "Implants hold the joint still so it can fuse and stop causing pain."),
            ("Short incision", "An incision of about an inch in the side of the buttock."),
            ("Outpatient", "Most patients go home the same day."),
        ],
        "details": (
            "Guided by live X-ray images, the surgeon places two or three small titanium "
            "implants across the sacroiliac joint through a short incision. Over the next "
            "months, bone grows onto the implants and across the joint."
        ),
        "preparation": (
            "A diagnostic injection must first confirm that the sacroiliac joint causes your "
            "pain, after physical therapy and joint injections have not given lasting relief."
        ),
        "checklist": ["Arrange crutches or a walker for the first weeks"],
        "recovery": (
            "Patients limit weight on the treated side with crutches or a walker for a few "
            "weeks while the joint begins to fuse."
        ),
        "timeline": [
            ("Weeks 1 to 3", "Crutches or a walker; limited weight on the treated side."),
            ("Weeks 3 to 6", "Full weight and physical therapy."),
            ("Weeks 6 to 12", "Gradual return to normal activity."),
        ],
        "return_to_activity": "Most patients are back to normal activity within three months.",
    },
}


def condition_links(ctx, slugs):
    return clean_children([ProcedureCondition(condition=ctx.conditions[slug]) for slug in slugs])


def _body(ctx, data):
    title = data["title"]
    ctas = ctx.calls_to_action
    return [
        block(
            "benefits",
            {
                "heading": f"Benefits of {title}",
                "items": [{"title": head, "text": text} for head, text in data["benefits"]],
            },
        ),
        block(
            "conditions_treated", {"heading": f"What {title} Treats", "intro": "", "conditions": []}
        ),
        block(
            "procedure_details",
            {"heading": f"Details of the {title}", "text": paragraphs(data["details"])},
        ),
        cta_block(ctas["mri-review"]),
        block(
            "preparation",
            {
                "heading": f"Preparing for the {title}",
                "text": paragraphs(data["preparation"]),
                "checklist": data["checklist"],
            },
        ),
        block(
            "recovery",
            {
                "heading": f"{title} Recovery",
                "intro": paragraphs(data["recovery"]),
                "timeline": [
                    {"when": when, "what_to_expect": text} for when, text in data["timeline"]
                ],
                "return_to_activity": data["return_to_activity"],
            },
        ),
        block("locations", {"heading": "Explore Our Facilities", "locations": []}),
        cta_block(ctas["phone"]),
    ]


def _build(ctx, slug, data):
    region, outpatient, recovery_time = data["facts"]
    return ProcedurePage(
        title=data["title"],
        summary=data["summary"],
        search_description=f"Demo: {data['summary']}",
        hero_image=ctx.images[slug],
        introduction=paragraphs(data["introduction"]),
        procedure_type=MI,
        body_region=region,
        outpatient=outpatient,
        typical_recovery_time=recovery_time,
        condition_links=condition_links(ctx, data["conditions"]),
        body=_body(ctx, data),
    )


def ensure_procedures(ctx):
    parent = ctx.indexes["procedures"]
    for slug, data in PROCEDURES.items():
        ctx.procedures[slug] = ensure_page(
            ctx, "Pages", parent, slug, lambda slug=slug, data=data: _build(ctx, slug, data)
        )
    return ctx.procedures
