"""Admin views of our own."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.views.chooser import page_models_from_string

from core import task_queue
from core.page_choosers import LINKED_FROM_PARAMETER, link_chooser_start, page_worked_on


def open_link_chooser(request):
    """A page editor's link chooser (core/static/core/js/linked-page-chooser.js) with nothing
    chosen yet: Wagtail's page chooser at ``link_chooser_start``, the chooser's parameters kept.
    Wagtail's own would open where every page of the type lives, across sites and languages."""
    try:
        page_models = page_models_from_string(request.GET.get("page_type") or "wagtailcore.page")
    except (ValueError, LookupError) as error:
        raise Http404 from error
    page_id = request.GET.get(LINKED_FROM_PARAMETER, "")
    page = page_worked_on(request.user, int(page_id)) if page_id.isdigit() else None
    start = link_chooser_start(page, page_models) if page is not None else None
    url = (
        reverse("wagtailadmin_choose_page_child", args=[start.pk])
        if start is not None
        else reverse("wagtailadmin_choose_page")
    )
    return redirect(f"{url}?{request.GET.urlencode()}")


def superusers_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def background_tasks(request):
    """The task queue's summary and its failed tasks, each with its error (core.task_queue)."""
    superusers_only(request)
    failed = Paginator(task_queue.failed_tasks(), per_page=50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "core/admin/background_tasks.html",
        {
            "counts": task_queue.queue_counts(),
            "failed": failed,
            "rows": [(task, task_queue.error_summary(task)) for task in failed],
        },
    )


@require_POST
def run_task_again(request, task_id):
    superusers_only(request)
    if task_queue.run_again(task_id):
        messages.success(request, _("The task will run again shortly."))
    else:
        messages.warning(request, _("That task is no longer failed: nothing was changed."))
    return redirect("core_background_tasks")
