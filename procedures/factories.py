import factory
import wagtail_factories

from procedures.models import ConditionPage, ProcedurePage


class ProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Procedure {n}")
    summary = "A minimally invasive procedure for lower back pain."
    introduction = "<p>This procedure relieves pressure on a spinal nerve.</p>"
    procedure_type = ProcedurePage.ProcedureType.MINIMALLY_INVASIVE
    body_region = "lumbar"

    class Meta:
        model = ProcedurePage


class ConditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = "A condition of the spine."
    symptoms = "<p>Pain that spreads into the legs.</p>"
    causes = "<p>Wear of the spinal discs with age.</p>"

    class Meta:
        model = ConditionPage
