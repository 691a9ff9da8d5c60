"""Condition pages, looked up by slug under the conditions index."""

from demo.base import block, bullets, cta_block, ensure_page, paragraphs
from procedures.models import ConditionPage

# slug: title, summary, symptoms, causes, typical tests, body text, reviewer, days since review
CONDITIONS = {
    "degenerative-disc-disease": {
        "title": "Degenerative Disc Disease",
        "summary": (
            "Age-related wear of the spinal discs that can cause back or neck pain and, when "
            "a worn disc presses on a nerve, pain that spreads into the arms or legs."
        ),
        "symptoms": bullets(
            "A dull, ongoing ache in the lower back or neck",
            "Pain that is worse when sitting, bending or lifting",
            "Flare-ups of more severe pain lasting days or weeks",
            "Numbness or tingling in the arms or legs when a nerve is affected",
        ),
        "causes": paragraphs(
            "Spinal discs lose water and height with age, so they cushion the vertebrae less "
            "well. Small tears in the outer layer of a disc, earlier injuries, smoking and "
            "heavy manual work can speed the process up."
        ),
        "typical_tests": paragraphs(
            "A physical examination and X-rays, followed by an MRI scan to show the condition "
            "of each disc and whether any nerve is compressed."
        ),
        "body": (
            "Degenerative disc disease is not really a disease: it describes changes that "
            "happen to almost everyone's discs over time. Many people with worn discs have no "
            "pain at all. Treatment starts with physical therapy, activity changes and "
            "medication; a procedure is considered only when a worn disc compresses a nerve "
            "and conservative care has not helped."
        ),
        "reviewer": "1234567893",
        "reviewed": -120,
    },
    "herniated-disc": {
        "title": "Herniated Disc",
        "summary": (
            "A disc whose soft centre has pushed through a tear in its outer layer, often "
            "pressing on a nearby nerve root and causing sharp, radiating pain."
        ),
        "symptoms": bullets(
            "Sharp pain that travels down one leg (sciatica) or one arm",
            "Numbness, tingling or a pins-and-needles feeling",
            "Muscle weakness in the leg, foot, arm or hand",
            "Pain that gets worse when coughing, sneezing or sitting",
        ),
        "causes": paragraphs(
            "Gradual wear weakens the outer ring of a disc until the soft centre pushes "
            "through. Lifting with a bent back, a twisting movement or a fall can be the "
            "final trigger."
        ),
        "typical_tests": paragraphs(
            "An MRI scan shows the herniation and the nerve it affects; nerve conduction tests "
            "are sometimes used to measure how well the nerve is working."
        ),
        "body": (
            "Many herniated discs improve within six to twelve weeks with rest, physical "
            "therapy and medication. When pain, numbness or weakness continue, removing the "
            "part of the disc that presses on the nerve can bring fast relief."
        ),
        "reviewer": "1234567893",
        "reviewed": -90,
    },
    "bulging-disc": {
        "title": "Bulging Disc",
        "summary": (
            "A disc that has flattened and spread beyond its normal edge; usually painless, "
            "but it can narrow the space around a nerve and cause back or leg pain."
        ),
        "symptoms": bullets(
            "Back or neck pain, often mild and coming and going",
            "Pain, numbness or tingling in the legs or arms when a nerve is pressed",
            "Stiffness after sitting or sleeping",
        ),
        "causes": paragraphs(
            "Discs flatten and widen as they lose water with age. Poor posture, excess body "
            "weight and repetitive strain add to the load on the lower back and neck."
        ),
        "typical_tests": paragraphs(
            "An MRI scan distinguishes a bulging disc from a herniated one and shows whether "
            "the bulge narrows the spinal canal or a neural foramen."
        ),
        "body": (
            "A bulge affects a large part of the disc's edge, while a herniation is a smaller, "
            "focused rupture. Bulging discs are common on scans of people without pain, so a "
            "physician will always compare the scan with your symptoms before suggesting "
            "treatment."
        ),
        "reviewer": "1987654328",
        "reviewed": -60,
    },
    "spinal-stenosis": {
        "title": "Spinal Stenosis",
        "summary": (
            "A narrowing of the spinal canal or of the openings where nerves leave the spine, "
            "which squeezes the nerves and causes pain, numbness or weakness."
        ),
        "symptoms": bullets(
            "Pain or cramping in the legs when standing or walking that eases when sitting",
            "Lower back pain",
            "Numbness or tingling in the buttocks, legs or feet",
            "In the neck: numbness or weakness in the arms and hands",
        ),
        "causes": paragraphs(
            "Most stenosis comes with age: thickened ligaments, bone spurs from arthritis and "
            "bulging discs gradually take up space in the canal. Some people are born with a "
            "narrower canal."
        ),
        "typical_tests": paragraphs(
            "An MRI or CT scan shows where and how much the canal is narrowed; X-rays show "
            "bone spurs and the alignment of the spine."
        ),
        "body": (
            "Leaning forward, as on a shopping cart, often eases the pain of lumbar stenosis "
            "because it opens the canal a little. When walking distance keeps shrinking "
            "despite therapy and injections, removing the bone or ligament that narrows the "
            "canal can give the nerves room again."
        ),
        "reviewer": "1987654328",
        "reviewed": -30,
    },
    "sacroiliac-joint-dysfunction": {
        "title": "Sacroiliac Joint Dysfunction",
        "summary": (
            "Pain from the joints that connect the base of the spine to the pelvis, felt low "
            "in the back and buttock and often mistaken for a disc problem."
        ),
        "symptoms": bullets(
            "Pain on one side of the lower back or buttock",
            "Pain that spreads to the hip, groin or upper thigh",
            "Discomfort when climbing stairs, standing up or sleeping on one side",
        ),
        "causes": paragraphs(
            "Arthritis, a fall or accident, pregnancy, and a previous lower back fusion can "
            "all make a sacroiliac joint move too much or too little."
        ),
        "typical_tests": paragraphs(
            "Specific examination tests that stress the joint, and a diagnostic injection of "
            "local anaesthetic into the joint: if the pain eases, the joint is its source."
        ),
        "body": (
            "Sacroiliac joint pain is treated first with physical therapy, a pelvic belt and "
            "joint injections. When a confirmed sacroiliac joint keeps causing pain, a "
            "minimally invasive fusion can stabilize it."
        ),
        "reviewer": "1450987627",
        "reviewed": -200,
    },
}


def _build(ctx, slug, data):
    return ConditionPage(
        title=data["title"],
        summary=data["summary"],
        hero_image=ctx.images[slug],
        symptoms=data["symptoms"],
        causes=data["causes"],
        typical_tests=data["typical_tests"],
        search_description=f"Demo: {data['summary']}",
        body=[
            block("heading", {"text": f"Understanding {data['title'].lower()}", "level": "h2"}),
            block("text", paragraphs(data["body"])),
            cta_block(ctx.calls_to_action["mri-review"]),
            block("locations", {"heading": "Where we treat it", "locations": []}),
        ],
    )


def ensure_conditions(ctx):
    parent = ctx.indexes["conditions"]
    for slug, data in CONDITIONS.items():
        ctx.conditions[slug] = ensure_page(
            ctx, "Pages", parent, slug, lambda slug=slug, data=data: _build(ctx, slug, data)
        )
    return ctx.conditions
