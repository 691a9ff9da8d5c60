"""The network's standard outlines: what a site's outline starts as (``PageOutlines``).

Text that the editor must write is a placeholder (``core.blocks.outline``): guidance
that never publishes. Choosers start empty; a draft may keep them so.
"""

from core.blocks.outline import placeholder


def _heading(guidance):
    return {"text": placeholder(guidance), "level": "h2"}


def _rich_text(guidance):
    return f"<p>{placeholder(guidance)}</p>"


def _testimonials():
    return {
        "type": "testimonials",
        "value": {"heading": "What our patients say", "testimonials": [None]},
    }


def _call_to_action():
    return {"type": "call_to_action", "value": {"call_to_action": None, "heading": ""}}


def procedure_outline():
    return [
        {
            "type": "conditions_treated",
            "value": {
                "heading": placeholder("What the procedure treats, e.g. What Foraminotomy Treats"),
                "intro": "",
                "conditions": [],
            },
        },
        {
            "type": "benefits",
            "value": {
                "heading": placeholder("e.g. Benefits of Lumbar Foraminotomy"),
                "items": [
                    {
                        "title": placeholder("two or three words"),
                        "text": placeholder("one sentence for a patient"),
                    }
                    for _benefit in range(3)
                ],
            },
        },
        {
            "type": "procedure_details",
            "value": {
                "heading": placeholder("e.g. Details of the Lumbar Foraminotomy"),
                "text": _rich_text("how the procedure is performed, in a patient's words"),
            },
        },
        {
            "type": "preparation",
            "value": {
                "heading": placeholder("e.g. Preparing for the Lumbar Foraminotomy"),
                "text": _rich_text("what to try first and what to arrange before the day"),
                "checklist": [],
            },
        },
        {
            "type": "recovery",
            "value": {
                "heading": placeholder("e.g. Lumbar Foraminotomy Recovery"),
                "intro": _rich_text("what recovery looks like overall"),
                "timeline": [],
                "return_to_activity": "",
            },
        },
        _testimonials(),
        _call_to_action(),
    ]


def condition_outline():
    return [
        {"type": "heading", "value": _heading("e.g. Treating Foraminal Stenosis")},
        {"type": "text", "value": _rich_text("the treatment options, from the mildest")},
        {
            "type": "faq",
            "value": {
                "heading": "Frequently asked questions",
                "items": [
                    {
                        "question": placeholder("a question as a patient asks it"),
                        "answer": _rich_text("a direct answer first, then any detail"),
                    }
                ],
            },
        },
        _testimonials(),
        {
            "type": "locations",
            "value": {"heading": "Where we treat it", "locations": []},
        },
        _call_to_action(),
    ]


def location_outline():
    return [
        {"type": "heading", "value": _heading("e.g. About our Dallas clinic")},
        {"type": "text", "value": _rich_text("what patients find here and whom they meet")},
        {
            "type": "physicians",
            "value": {"heading": "Our physicians", "physicians": [None]},
        },
        _testimonials(),
        _call_to_action(),
    ]
