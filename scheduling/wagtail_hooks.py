from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.components import Component

from scheduling import views
from scheduling.runner import job_statuses


@hooks.register("register_admin_urls")
def register_periodic_job_urls():
    return [
        path("reports/periodic-jobs/", views.report, name="scheduling_report"),
        path(
            "reports/periodic-jobs/<str:name>/run-now/",
            views.run_job_now,
            name="scheduling_run_now",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_periodic_jobs_menu_item():
    return AdminOnlyMenuItem(
        _("Periodic jobs"), reverse("scheduling_report"), icon_name=views.ICON, order=900
    )


class PeriodicJobsWarningPanel(Component):
    """Names the periodic jobs that are late or whose last run failed."""

    name = "periodic_jobs_warning"
    template_name = "scheduling/warning_panel.html"
    order = 50

    def __init__(self, statuses):
        self.statuses = statuses

    def get_context_data(self, parent_context):
        return {"statuses": self.statuses}


@hooks.register("construct_homepage_panels")
def add_periodic_jobs_warning_panel(request, panels):
    if not request.user.is_superuser:
        return
    troubled = [status for status in job_statuses() if status.needs_attention]
    if troubled:
        panels.append(PeriodicJobsWarningPanel(troubled))
