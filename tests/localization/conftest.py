import pytest
from wagtail.models import Locale
from wagtail.rich_text import RichText

from leads.models import LeadFormPage
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedureIndexPage, ProcedurePage
from tests.helpers import default_site


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def spanish(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def lumbar(english):
    return ProcedurePage.objects.get(alias_of=None, slug="lumbar-foraminotomy", locale=english)


@pytest.fixture
def lumbar_es(lumbar, spanish):
    return lumbar.get_translation(spanish)


@pytest.fixture
def new_procedure(english):
    """A live English procedure, not translated yet, under the English procedures index."""
    page = ProcedurePageFactory(
        parent=ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en"),
        title="Endoscopic Rhizotomy",
        slug="endoscopic-rhizotomy",
        summary="Numbs the small nerves of painful facet joints.",
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def procedure_with_risks(english):
    """A live English procedure whose body states its risks (regulated text)."""
    page = ProcedurePageFactory(
        parent=ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en"),
        title="Spinal Cord Stimulator Trial",
        body=[
            (
                "risks",
                {
                    "heading": "Risks of the trial",
                    "text": RichText("<p>Leads can move and infection is possible.</p>"),
                },
            )
        ],
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def review_form(db):
    """The English lead form the "free review" call to action leads to."""
    return LeadFormPage.objects.in_site(default_site()).get(
        slug="free-mri-ct-review", locale__language_code="en"
    )


@pytest.fixture
def review_form_es(review_form, spanish):
    """The free review form's Spanish translation, which the demo publishes."""
    return review_form.get_translation(spanish)
