import factory
import wagtail_factories

from procedures.models import ConditionIndexPage, ConditionPage, ProcedureIndexPage, ProcedurePage


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    title = "Procedures"
    show_in_menus = True
    slug = "procedures"

    class Meta:
        model = ProcedureIndexPage


class ProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Procedure {n}")
    summary = "A minimally invasive procedure for lower back pain."
    introduction = "<p>This procedure relieves pressure on a spinal nerve.</p>"
    procedure_type = ProcedurePage.ProcedureType.MINIMALLY_INVASIVE
    body_region = "lumbar"

    class Meta:
        model = ProcedurePage


class ConditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Conditions"
    show_in_menus = True
    slug = "conditions"

    class Meta:
        model = ConditionIndexPage


class ConditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = "A condition of the spine."
    symptoms = "<p>Pain that spreads into the legs.</p>"
    causes = "<p>Wear of the spinal discs with age.</p>"

    class Meta:
        model = ConditionPage
