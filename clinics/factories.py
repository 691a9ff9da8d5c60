import factory
import wagtail_factories

from clinics.models import LocalProcedurePage


class LocalProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Local procedure {n}")
    local_introduction = "<p>How this clinic does the procedure.</p>"
    schedule_note = "Tuesday mornings"

    class Meta:
        model = LocalProcedurePage
