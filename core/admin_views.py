"""Admin views of our own."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views.chooser import page_models_from_string

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
