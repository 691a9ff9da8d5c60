"""The lead forms the calls to action lead to, and the groups that may read what they receive.

Three network forms sit under the home page; "Call me back" sits under the
Dallas clinic, so its submissions belong to that clinic. Every form carries the
same consent wording, regulated text that a translation may not leave in English.
The "Lead managers" group reads every form; "Lead managers – Dallas, Texas"
reads Dallas's only.
"""

from django.contrib.auth.models import Group, Permission

from demo.base import clean_children, ensure_page, paragraphs
from leads.models import LeadAccess, LeadFormField, LeadFormPage
from leads.permissions import LEAD_MANAGERS_GROUP

NOTIFY_ADDRESS = "patient-care@example.com"
DEMO_NOTE = "Demo form: please do not send real health information."
CONSENT = paragraphs(
    "By sending this form you agree that our patient care team may contact you by phone or "
    "email about your request and keep what you send for that purpose.",
    "This form is not for emergencies: in an emergency, call 911.",
)


def field(label, field_type="singleline", required=True, help_text="", choices="", asks=""):
    return LeadFormField(
        label=label,
        field_type=field_type,
        required=required,
        help_text=help_text,
        choices=choices,
        autocomplete=asks,
    )


def contact_fields(phone_required=False):
    return [
        field("Full name", asks="name"),
        field("Email", "email", asks="email"),
        field(
            "Phone",
            required=phone_required,
            help_text="A US number, such as 214-555-0100.",
            asks="tel",
        ),
    ]


# key: slug, title, intro, fields, thank-you text
NETWORK_FORMS = {
    "mri-review": {
        "slug": "free-mri-ct-review",
        "title": "Free MRI/CT Review",
        "intro": paragraphs(
            "Send us your most recent MRI or CT report or images and one of our spine "
            "physicians will review them at no cost.",
            DEMO_NOTE,
        ),
        "fields": lambda: (
            contact_fields()
            + [
                field(
                    "Symptoms",
                    "multiline",
                    help_text="Where is the pain, how long have you had it, what makes it worse?",
                ),
                field(
                    "MRI or CT report or images",
                    "upload",
                    help_text="A PDF, JPEG, PNG or DICOM file of at most 25 MB.",
                ),
            ]
        ),
        "thank_you_text": paragraphs(
            "Thank you. One of our spine physicians will look at your scan at no cost."
        ),
    },
    "info-kit": {
        "slug": "free-info-kit",
        "title": "Request a Free Info Kit",
        "intro": paragraphs(
            "Tell us where to send your free information kit about our procedures and facilities.",
            DEMO_NOTE,
        ),
        "fields": lambda: [
            field("Full name", asks="name"),
            field("Email", "email", required=False, asks="email"),
            field("Street address", asks="street-address"),
            field("City", asks="address-level2"),
            field("State", asks="address-level1"),
            field("ZIP code", asks="postal-code"),
        ],
        "thank_you_text": paragraphs("Thank you. Your info kit is on its way by post."),
    },
    "connect": {
        "slug": "connect-with-a-patient",
        "title": "Connect with a Patient",
        "intro": paragraphs(
            "Talk to a former patient who had a similar condition and procedure.", DEMO_NOTE
        ),
        "fields": lambda: (
            contact_fields()
            + [
                field("Condition", help_text="For example: herniated disc, spinal stenosis."),
                field("Procedure of interest", required=False),
                field("How should we contact you?", "radio", choices="Phone\nEmail"),
            ]
        ),
        "thank_you_text": paragraphs(
            "Thank you. We will be in touch to arrange a conversation with a former patient."
        ),
    },
}

CLINIC_FORMS = {
    "call-back-dallas": {
        "location": "dallas-tx",
        "slug": "call-me-back",
        "title": "Call me back",
        "intro": paragraphs("Leave your number and our Dallas team will call you.", DEMO_NOTE),
        "fields": lambda: [
            field("Full name", asks="name"),
            field("Phone", asks="tel"),
            field("Best time to call", "radio", choices="Morning\nAfternoon\nEvening"),
        ],
        "thank_you_text": paragraphs("Thank you. We will call you at the time you chose."),
    },
}


def ensure_form(ctx, parent, data):
    def build():
        return LeadFormPage(
            title=data["title"],
            intro=data["intro"],
            consent_text=CONSENT,
            thank_you_text=data["thank_you_text"],
            to_address=NOTIFY_ADDRESS,
            subject=f"New submission: {data['title']}",
            form_fields=clean_children(data["fields"]()),
        )

    return ensure_page(ctx, "Lead forms", parent, data["slug"], build)


def ensure_lead_forms(ctx):
    for key, data in NETWORK_FORMS.items():
        ctx.lead_forms[key] = ensure_form(ctx, ctx.home, data)
    return ctx.lead_forms


def ensure_clinic_lead_forms(ctx):
    for key, data in CLINIC_FORMS.items():
        ctx.lead_forms[key] = ensure_form(ctx, ctx.locations[data["location"]], data)
    return ctx.lead_forms


def _ensure_group(ctx, name, location=None):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        ctx.report.add_created("Lead manager groups")
    else:
        ctx.report.add_present("Lead manager groups")
    LeadAccess.objects.get_or_create(group=group, location=location)
    return group


def ensure_lead_managers(ctx):
    _ensure_group(ctx, LEAD_MANAGERS_GROUP)
    for data in CLINIC_FORMS.values():
        location = ctx.locations[data["location"]]
        _ensure_group(ctx, f"{LEAD_MANAGERS_GROUP} – {location.title}", location)
