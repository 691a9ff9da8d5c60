"""Procedure and condition blocks render what editors put in them."""

import pytest
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from people.blocks import PhysicianListBlock
from people.models import Physician
from procedures.blocks import (
    BenefitsListBlock,
    ConditionsTreatedBlock,
    ProcedureBodyBlock,
    ProcedureListBlock,
    RecoveryBlock,
)
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def test_benefits_list_needs_an_item_and_renders_each():
    block = BenefitsListBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"heading": "Benefits", "items": []}))
    value = block.to_python(
        {"heading": "Benefits", "items": [{"title": "Relief", "text": "Less pain."}]}
    )
    html = block.render(block.clean(value))
    assert "Relief" in html and "Less pain." in html


def test_recovery_renders_its_timeline():
    block = RecoveryBlock()
    value = block.to_python(
        {
            "heading": "Recovery",
            "intro": "<p>Rest first.</p>",
            "timeline": [{"when": "Week 2", "what_to_expect": "Short walks."}],
            "return_to_activity": "Back to work in weeks.",
        }
    )
    html = block.render(value)
    for text in ["Rest first.", "Week 2", "Short walks.", "Back to work in weeks."]:
        assert text in html


def test_conditions_treated_defaults_to_the_pages_own_conditions():
    procedure = ProcedurePage.objects.filter(condition_links__isnull=False).first()
    block = ConditionsTreatedBlock()
    html = block.render(
        block.to_python({"heading": "Treats", "conditions": []}), {"page": procedure}
    )
    for condition in procedure.listed_conditions():
        assert condition.title in html


def test_physician_and_procedure_lists_render_their_cards():
    physician = Physician.objects.first()
    html = PhysicianListBlock().render(
        PhysicianListBlock().to_python({"heading": "Team", "physicians": [physician.pk]})
    )
    assert physician.name in html
    procedure = ProcedurePage.objects.live().first()
    html = ProcedureListBlock().render(
        ProcedureListBlock().to_python({"heading": "Featured", "procedures": [procedure.pk]})
    )
    assert procedure.title in html and procedure.url in html


def test_stream_rejects_a_block_with_errors_naming_its_position():
    stream = ProcedureBodyBlock()
    value = stream.to_python(
        [{"type": "statistic", "value": {"figure": "95%", "label": "", "source": ""}}]
    )
    with pytest.raises(StreamBlockValidationError) as excinfo:
        stream.clean(value)
    assert 0 in excinfo.value.block_errors
