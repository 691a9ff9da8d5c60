import factory
import wagtail_factories

from clinics.models import LocalProcedurePage
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedureIndexPage


def a_procedure_of_the_same_site(local_page):
    """A new shared procedure under the procedures index of the location's home page."""
    home = local_page.parent.get_parent().get_parent()
    return ProcedurePageFactory(parent=ProcedureIndexPage.objects.child_of(home).get())


class LocalProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Local procedure {n}")
    procedure = factory.LazyAttribute(a_procedure_of_the_same_site)
    local_introduction = "<p>How this clinic does the procedure.</p>"
    schedule_note = "Tuesday mornings"

    class Meta:
        model = LocalProcedurePage
