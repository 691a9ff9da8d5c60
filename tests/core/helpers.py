"""Form data as the Wagtail admin's editors post it, shared by the admin tests."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def list_block(items):
    """Form data for a ListBlock, in the shape the admin's editor posts."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def procedure_form_data(condition, cta):
    return nested_form_data(
        {
            "title": "Endoscopic Discectomy",
            "slug": "endoscopic-discectomy",
            "summary": "Removes herniated disc material through a tiny incision.",
            "introduction": rich_text("<p>An endoscopic discectomy removes disc fragments.</p>"),
            "procedure_type": "minimally_invasive",
            "body_region": "lumbar",
            "outpatient": "on",
            "typical_recovery_time": "2 to 4 weeks",
            "condition_links": inline_formset([{"condition": str(condition.pk)}]),
            "body": streamfield(
                [
                    (
                        "benefits",
                        {
                            "heading": "Benefits of Endoscopic Discectomy",
                            "items": list_block(
                                [{"title": "Tiny incision", "text": "Less than a centimetre."}]
                            ),
                        },
                    ),
                    (
                        "recovery",
                        {
                            "heading": "Recovery after Endoscopic Discectomy",
                            "intro": rich_text("<p>Most patients walk the same day.</p>"),
                            "timeline": list_block(
                                [{"when": "First week", "what_to_expect": "Short walks."}]
                            ),
                            "return_to_activity": "Desk work after one week.",
                        },
                    ),
                    ("call_to_action", {"call_to_action": str(cta.pk), "heading": "Ask us"}),
                ]
            ),
            "last_reviewed": "",
            "next_review": "",
            "medical_reviewer": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
