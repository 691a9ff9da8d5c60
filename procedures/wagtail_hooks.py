from django.conf import settings
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from procedures.models import ConditionPage, ProcedurePage


class MedicalReviewsDuePanel(Component):
    """Lists pages whose medical review is overdue or falls due soon."""

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
            pages += model.objects.filter(next_review__lte=horizon, alias_of=None).select_related(
                "medical_reviewer"
            )
        pages.sort(key=lambda page: page.next_review)
        return {"pages": pages, "today": timezone.localdate()}


@hooks.register("construct_homepage_panels")
def add_medical_reviews_due_panel(request, panels):
    panels.append(MedicalReviewsDuePanel())
