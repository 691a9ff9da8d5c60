"""Form data as the Wagtail admin's editors post it, shared by the admin tests."""

from django.db import models
from wagtail import blocks
from wagtail.rich_text import RichText
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


def block_form_data(block, value):
    """Form data for a block's value, as the admin's editor posts it (a page's body as the
    editor left it, e.g. straight from its outline)."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(child.block.name, block_form_data(child.block, child.value)) for child in value]
        )
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return list_block([block_form_data(block.child_block, item) for item in value])
    if isinstance(value, RichText):
        return rich_text(value.source)
    if isinstance(value, models.Model):
        return str(value.pk)
    return "" if value is None else str(value)
