"""Procedure and condition blocks render what editors put in them."""

import pytest
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from people.blocks import PhysicianListBlock
from people.factories import PhysicianFactory
from procedures.blocks import (
    BenefitsListBlock,
    ConditionsTreatedBlock,
    ProcedureBodyBlock,
    ProcedureListBlock,
    RecoveryBlock,
)
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedureCondition
from tests.builders import a_site

pytestmark = pytest.mark.django_db


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
    site = a_site()
    procedure = ProcedurePageFactory(parent=site.procedures)
    treated = [
        ConditionPageFactory(parent=site.conditions, title=title)
        for title in ("Sciatica", "Spinal stenosis")
    ]
    ConditionPageFactory(parent=site.conditions, title="Scoliosis")
    for condition in treated:
        ProcedureCondition.objects.create(page=procedure, condition=condition)
    block = ConditionsTreatedBlock()
    html = block.render(
        block.to_python({"heading": "Treats", "conditions": []}), {"page": procedure}
    )
    assert list(procedure.listed_conditions()) == treated
    for condition in treated:
        assert condition.title in html
    assert "Scoliosis" not in html


def test_physician_and_procedure_lists_render_their_cards():
    physician = PhysicianFactory(name="Dr. Ana Ruiz")
    html = PhysicianListBlock().render(
        PhysicianListBlock().to_python({"heading": "Team", "physicians": [physician.pk]})
    )
    assert physician.name in html
    procedure = ProcedurePageFactory(parent=a_site().procedures, title="Microdiscectomy")
    html = ProcedureListBlock().render(
        ProcedureListBlock().to_python({"heading": "Featured", "procedures": [procedure.pk]})
    )
    assert procedure.title in html and procedure.url in html


def test_stream_rejects_a_block_with_errors_naming_its_position():
    stream = ProcedureBodyBlock()
    value = stream.to_python([{"type": "statistic", "value": {"claim": None}}])
    with pytest.raises(StreamBlockValidationError) as excinfo:
        stream.clean(value)
    assert 0 in excinfo.value.block_errors
