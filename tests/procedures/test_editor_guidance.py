"""The procedure editor names each field for a marketing editor (issue #20's findings)."""

import pytest
from django.urls import reverse

from procedures.blocks import BenefitsListBlock, ConditionsTreatedBlock, ProcedureBodyBlock
from tests.builders import a_site

pytestmark = pytest.mark.django_db


def field_of(block, *path):
    for name in path:
        block = block.child_block if name == "item" else block.child_blocks[name]
    return block


def test_a_benefit_is_a_benefit_title_and_text_not_title_and_text():
    benefit = field_of(BenefitsListBlock(), "items", "item")
    assert str(benefit.label) == "Benefit"
    assert str(benefit.child_blocks["title"].label) == "Benefit title"
    assert str(benefit.child_blocks["text"].label) == "Benefit text"
    assert benefit.child_blocks["title"].field.help_text
    assert benefit.child_blocks["text"].field.help_text


def test_an_faq_answer_is_labelled_answer():
    answer = field_of(ProcedureBodyBlock(), "faq", "items", "item", "answer")
    assert str(answer.label) == "Answer"
    assert answer.field.help_text


def test_the_conditions_treated_block_says_the_page_field_links_the_pages():
    block = ConditionsTreatedBlock()
    assert "Conditions treated field" in str(block.meta.description)
    assert "Conditions treated field" in str(block.child_blocks["conditions"].meta.help_text)


def test_the_procedure_form_shows_the_labels_and_the_note_on_conditions(admin_client):
    site = a_site()
    url = reverse(
        "wagtailadmin_pages:add", args=["procedures", "procedurepage", site.procedures.pk]
    )
    html = admin_client.get(url).content.decode()
    for label in ("Benefit title", "Benefit text", "Answer", "Question and answer"):
        assert label in html, label
    assert "add a Conditions treated block and leave its conditions empty" in html
