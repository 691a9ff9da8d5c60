"""The network's four standard calls to action, looked up by heading.

The page calls to action lead to the lead forms of demo/forms.py.
"""

from core.models import CallToAction
from demo.base import save_snippet

CONNECT_WITH_A_PATIENT_TEXT = (
    "Some of our former patients have been kind enough to offer to speak with back and neck "
    "pain sufferers who are looking into treatment options. We encourage you to take them up "
    "on it! After we determine a treatment plan, we’ll connect you with a past patient who had "
    "a similar condition and procedure."
)

# No number here: the button shows the one it dials, which is each site's own.
PHONE_TEXT = (
    "Our friendly Patient Care Managers are standing by and ready to help. Call us day or "
    "night and we will answer your questions."
)

# key: heading (the natural key), kind, text, button label, target
CALLS_TO_ACTION = {
    "mri-review": {
        "heading": "Free MRI/CT Review",
        "kind": CallToAction.Kind.PAGE,
        "text": (
            "Send us your most recent MRI or CT scan and one of our spine physicians will "
            "review it at no cost and explain which treatment options may suit you."
        ),
        "button_label": "Get my free review",
        "link_page": "mri-review",
    },
    "info-kit": {
        "heading": "Request a Free Info Kit",
        "kind": CallToAction.Kind.PAGE,
        "text": (
            "Receive a free information kit about our minimally invasive procedures, our "
            "facilities and what to expect on the day of your procedure."
        ),
        "button_label": "Request my info kit",
        "link_page": "info-kit",
    },
    "connect": {
        "heading": "Connect with a Patient",
        "kind": CallToAction.Kind.PAGE,
        "text": CONNECT_WITH_A_PATIENT_TEXT,
        "button_label": "Connect with a Patient",
        "link_page": "connect",
    },
    "phone": {
        "heading": "We love your questions!",
        "kind": CallToAction.Kind.PHONE,
        "text": PHONE_TEXT,
        # No number of its own: the button dials the 24/7 phone of the site it is shown on.
        "button_label": "Call {phone}",
    },
}


def ensure_calls_to_action(ctx):
    for key, data in CALLS_TO_ACTION.items():
        existing = CallToAction.objects.filter(heading=data["heading"]).first()
        if existing is not None:
            ctx.report.add_present("Calls to action")
            ctx.calls_to_action[key] = existing
            continue
        values = dict(data)
        if "link_page" in values:
            values["link_page"] = ctx.lead_forms[values["link_page"]]
        ctx.calls_to_action[key] = save_snippet(CallToAction(**values))
        ctx.report.add_created("Calls to action")
    return ctx.calls_to_action
