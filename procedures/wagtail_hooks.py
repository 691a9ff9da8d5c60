from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from people.models import ReviewStatus
from procedures.models import ConditionPage, ProcedurePage

DUE_SOON = "due"
# Most urgent first: past due, then edited since the review, then falling due soon.
STATUS_ORDER = {ReviewStatus.OVERDUE: 0, ReviewStatus.CHANGED: 1, DUE_SOON: 2}


class MedicalReviewsDuePanel(Component):
    """Lists pages whose medical review is overdue, falls due soon, or whose reviewed
    content changed since the approval."""

    name = "medical_reviews_due"
    template_name = "procedures/admin/medical_reviews_due_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        horizon = timezone.localdate() + timezone.timedelta(
            days=settings.MEDICAL_REVIEW_NOTICE_DAYS
        )
        pages = []
        for model in (ProcedurePage, ConditionPage):
            # Aliases follow their original, so only originals are reviewed.
            pages += (
                model.objects.filter(Q(next_review__lte=horizon) | Q(medical_review_changed=True))
                .filter(alias_of=None)
                .select_related("medical_reviewer")
            )
        rows = [(page, dashboard_status(page)) for page in pages]
        rows.sort(key=lambda row: (STATUS_ORDER[row[1]], row[0].next_review or horizon))
        return {"rows": rows}


def dashboard_status(page):
    """Overdue once the next review has passed (reviewed or not), else changed, else due soon."""
    if page.next_review is not None and page.next_review < timezone.localdate():
        return ReviewStatus.OVERDUE
    if page.medical_review_status == ReviewStatus.CHANGED:
        return ReviewStatus.CHANGED
    return DUE_SOON


@hooks.register("construct_homepage_panels")
def add_medical_reviews_due_panel(request, panels):
    panels.append(MedicalReviewsDuePanel())
