"""The bilingual content the localization tests build: an English site, its Spanish
translation and procedures translated or about to be, worded as the demo words them."""

from wagtail.rich_text import RichText

from procedures.factories import ProcedurePageFactory
from tests.builders import a_translation, stream

LUMBAR_RECOVERY = {
    "heading": "Lumbar Foraminotomy Recovery",
    "intro": "<p>This procedure is typically performed on an outpatient basis.</p>",
    "timeline": [{"when": "Same day", "what_to_expect": "Most patients go home."}],
    "return_to_activity": "Most patients return to regular activities within weeks.",
}
LUMBAR_RECOVERY_ES = {
    "heading": "Recuperación de la foraminotomía lumbar",
    "intro": "<p>Este procedimiento suele realizarse de forma ambulatoria.</p>",
    "timeline": [{"when": "El mismo día", "what_to_expect": "La mayoría vuelve a casa."}],
    "return_to_activity": "La mayoría retoma sus actividades en pocas semanas.",
}


def lumbar_foraminotomy(site):
    """The English procedure, with its recovery block, under the site's procedures index."""
    return ProcedurePageFactory(
        parent=site.procedures,
        title="Lumbar Foraminotomy",
        slug="lumbar-foraminotomy",
        body=stream("recovery", LUMBAR_RECOVERY),
    )


def lumbar_foraminotomy_in_spanish(lumbar):
    """Its published Spanish translation; the site must be translated into Spanish first."""
    return a_translation(
        lumbar,
        title="Foraminotomía lumbar",
        slug="foraminotomia-lumbar",
        body=stream("recovery", LUMBAR_RECOVERY_ES),
    )


def a_new_procedure(site):
    """A live English procedure, not translated yet, under the site's procedures index."""
    page = ProcedurePageFactory(
        parent=site.procedures,
        title="Endoscopic Rhizotomy",
        slug="endoscopic-rhizotomy",
        summary="Numbs the small nerves of painful facet joints.",
    )
    page.save_revision().publish()
    return page


def a_procedure_with_risks(site):
    """A live English procedure whose body states its risks (regulated text)."""
    page = ProcedurePageFactory(
        parent=site.procedures,
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
