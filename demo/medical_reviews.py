"""The medical reviews of the demo's procedures and conditions, recorded as a physician's
approval records them (``people.review.record_review``) rather than typed as dates, in each
language (a translation is reviewed on its own), and the "Medical review" workflow an
administrator can assign.

The workflow is left unassigned: assigned, it would turn the editors' "Publish" into
"Submit to Medical review" on every procedure and condition page of the demo.
"""

from wagtail.models import Workflow, WorkflowTask

from demo import lumbar_foraminotomy
from demo.conditions import CONDITIONS
from demo.procedures import PROCEDURES
from people.models import MedicalReviewRecord, MedicalReviewTask
from people.review import record_review

WORKFLOW_NAME = "Medical review"


def reviews(ctx):
    """(page, reviewer's NPI, days since the review) of each reviewed demo page."""
    yield (
        ctx.procedures[lumbar_foraminotomy.SLUG],
        lumbar_foraminotomy.REVIEWER,
        lumbar_foraminotomy.REVIEWED,
    )
    for pages, data in ((ctx.procedures, PROCEDURES), (ctx.conditions, CONDITIONS)):
        for slug, fields in data.items():
            yield pages[slug], fields["reviewer"], fields["reviewed"]


def ensure_medical_reviews(ctx):
    for page, npi, days in reviews(ctx):
        for reviewed in [page, *page.get_translations()]:
            if MedicalReviewRecord.objects.filter(page=reviewed).exists():
                ctx.report.add_present("Medical reviews")
                continue
            physician = reviewer_in_language(ctx.physicians[npi], reviewed.locale)
            record_review(reviewed, physician, reviewed_on=ctx.days(days))
            ctx.report.add_created("Medical reviews")
    ensure_workflow(ctx)


def reviewer_in_language(physician, locale):
    """The physician's translation in locale (made as wagtail-localize makes a related
    snippet's, when missing): a Spanish page names the Spanish physician."""
    translation = physician.get_translation_or_none(locale)
    if translation is None:
        translation = physician.copy_for_translation(locale)
        translation.save()
    return translation


def ensure_workflow(ctx):
    if Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        ctx.report.add_present("Workflows")
        return
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    task = MedicalReviewTask.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    ctx.report.add_created("Workflows")
