"""Reports → Periodic jobs: each job's interval, last runs and next due time, and "Run
now". Superusers only: the errors are tracebacks."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from scheduling import jobs
from scheduling.runner import GRACE, job_statuses, run_now

ICON = "time"


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def report(request):
    _require_superuser(request)
    return TemplateResponse(
        request,
        "scheduling/report.html",
        {
            "page_title": _("Periodic jobs"),
            "header_icon": ICON,
            "statuses": job_statuses(),
            "grace_minutes": int(GRACE.total_seconds() // 60),
        },
    )


@require_POST
def run_job_now(request, name):
    _require_superuser(request)
    job = jobs.named(name)
    if job is None:
        raise Http404
    run_now(job)
    messages.success(
        request, _("%(job)s is due now: a scheduler runs it within a minute.") % {"job": name}
    )
    return redirect("scheduling_report")
