from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import CallToAction


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "pick"
    menu_label = _("Calls to action")
    list_display = ["heading", "kind", "button_label"]
    list_filter = ["kind"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(CallToActionViewSet)


class MedicalReviewsDuePanel(Component):
    """Lists pages whose medical review is overdue or falls due soon."""

    name = "medical_reviews_due"
    template_name = "cms/admin/medical_reviews_due_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        from procedures.models import ConditionPage, ProcedurePage

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
