"""The network's standard outlines: what a site's outline starts as (``PageOutlines``).

Text that the editor must write is a placeholder (``core.blocks.outline``): guidance
that never publishes. Choosers start empty; a draft may keep them so.

Each outline is built in the active language (``gettext``), so that a Spanish page
starts with Spanish guidance and Spanish headings; the placeholder's mark itself stays
``[Replace:`` in every language, the one mark the publish rule looks for.
"""

from django.utils.translation import gettext as _

from core.blocks.outline import placeholder


def _heading(guidance):
    return {"text": placeholder(guidance), "level": "h2"}


def _rich_text(guidance):
    return f"<p>{placeholder(guidance)}</p>"


def _testimonials():
    return {
        "type": "testimonials",
        "value": {"heading": _("What our patients say"), "testimonials": [None]},
    }


def _call_to_action():
    return {"type": "call_to_action", "value": {"call_to_action": None, "heading": ""}}


def procedure_outline():
    return [
        {
            "type": "conditions_treated",
            "value": {
                "heading": placeholder(
                    _("What the procedure treats, e.g. What Foraminotomy Treats")
                ),
                "intro": "",
                "conditions": [],
            },
        },
        {
            "type": "benefits",
            "value": {
                "heading": placeholder(_("e.g. Benefits of Lumbar Foraminotomy")),
                "items": [
                    {
                        "title": placeholder(_("two or three words")),
                        "text": placeholder(_("one sentence for a patient")),
                    }
                    for _benefit in range(3)
                ],
            },
        },
        {
            "type": "procedure_details",
            "value": {
                "heading": placeholder(_("e.g. Details of the Lumbar Foraminotomy")),
                "text": _rich_text(_("how the procedure is performed, in a patient's words")),
            },
        },
        {
            "type": "preparation",
            "value": {
                "heading": placeholder(_("e.g. Preparing for the Lumbar Foraminotomy")),
                "text": _rich_text(_("what to try first and what to arrange before the day")),
                "checklist": [],
            },
        },
        {
            "type": "recovery",
            "value": {
                "heading": placeholder(_("e.g. Lumbar Foraminotomy Recovery")),
                "intro": _rich_text(_("what recovery looks like overall")),
                "timeline": [],
                "return_to_activity": "",
            },
        },
        _testimonials(),
        _call_to_action(),
    ]


def condition_outline():
    return [
        {"type": "heading", "value": _heading(_("e.g. Treating Foraminal Stenosis"))},
        {"type": "text", "value": _rich_text(_("the treatment options, from the mildest"))},
        {
            "type": "faq",
            "value": {
                "heading": _("Frequently asked questions"),
                "items": [
                    {
                        "question": placeholder(_("a question as a patient asks it")),
                        "answer": _rich_text(_("a direct answer first, then any detail")),
                    }
                ],
            },
        },
        _testimonials(),
        {
            "type": "locations",
            "value": {"heading": _("Where we treat it"), "locations": []},
        },
        _call_to_action(),
    ]


def location_outline():
    return [
        {"type": "heading", "value": _heading(_("e.g. About our Dallas clinic"))},
        {"type": "text", "value": _rich_text(_("what patients find here and whom they meet"))},
        {
            "type": "physicians",
            "value": {"heading": _("Our physicians"), "physicians": [None]},
        },
        _testimonials(),
        _call_to_action(),
    ]
