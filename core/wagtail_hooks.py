from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.actions import PlaceholderCheckedPublishPageRevisionAction
from core.admin_views import background_tasks, open_link_chooser, run_task_again
from core.models import CallToAction, Claim
from core.page_choosers import (
    IN_LOCALE_PARAMETER,
    LINKED_FROM_PARAMETER,
    RELATED_TO_PARAMETER,
    linkable_pages,
    locale_id_named,
    page_worked_on,
    pages_in_locale,
    relatable_pages,
)
from core.publish_refusals import bulk_publish_refusals, copy_publish_refusals
from core.slugs import page_holding_slug, slug_taken_text


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "pick"
    menu_label = _("Calls to action")
    list_display = ["heading", "kind", "button_label", LocaleColumn()]
    list_filter = ["kind"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(CallToActionViewSet)


class ClaimViewSet(SnippetViewSet):
    """The library of substantiated figures; each claim's "Usage" lists the pages that show it."""

    model = Claim
    icon = "success"
    menu_label = _("Claims")
    list_display = ["figure", "wording", "period", "owner", "expires_on", LocaleColumn()]
    list_export = ["figure", "wording", "source", "period", "expires_on"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(ClaimViewSet)


@hooks.register("register_actions")
def register_placeholder_checked_publishing(registry):
    registry.register(Page, PlaceholderCheckedPublishPageRevisionAction)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_outline_guidance(request, action_type, objects, action_view):
    """Bulk publish publishes each page's latest revision without a form: refuse them all,
    naming each page and place, before any is published."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    pages = list(objects)
    if action_view.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += page.get_descendants().not_live()
    refusals = bulk_publish_refusals(pages)
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(action_view.next_url)


@hooks.register("before_copy_page")
def refuse_copying_outline_guidance_live(request, page):
    """A copy that stays live is published without a form: refuse it, back on the copy form."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    refusals = copy_publish_refusals(page, with_subpages=bool(request.POST.get("copy_subpages")))
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(request.get_full_path())


@hooks.register("before_create_page")
def name_a_taken_slug_in_autosave(request, parent_page, page_class):
    """Autosave's header shows only the error message of its JSON answer, which Wagtail
    makes "There are validation errors" for any field; a taken slug (typically an
    abandoned, autosaved draft of the same title) is named there, with its page."""
    if request.method != "POST" or request.accepts("text/html"):
        return None
    holder = page_holding_slug(parent_page, request.POST.get("slug"))
    if holder is None:
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": "validation_error",
            "error_message": slug_taken_text(holder),
        },
        status=400,
    )


#: The page choosers' scopes, by the GET parameter naming the page they are opened for.
PAGE_SCOPES = ((RELATED_TO_PARAMETER, relatable_pages), (LINKED_FROM_PARAMETER, linkable_pages))


@hooks.register("construct_page_chooser_queryset")
def offer_only_relatable_pages(pages, request):
    """A relation's chooser (core.page_choosers) offers what the edited page may relate to; a
    link chooser of a page editor, what its blocks and rich text may link; a snippet's page
    chooser, the pages of the snippet's language."""
    in_locale = request.GET.get(IN_LOCALE_PARAMETER, "")
    if in_locale.isdigit():
        return pages_in_locale(pages, locale_id_named(in_locale))
    for parameter, narrowed in PAGE_SCOPES:
        page_id = request.GET.get(parameter, "")
        if page_id.isdigit():
            page = page_worked_on(request.user, int(page_id))
            return pages.none() if page is None else narrowed(pages, page)
    return pages


@hooks.register("register_admin_urls")
def link_chooser_urls():
    return [path("choose-page/linked/", open_link_chooser, name="open_link_chooser")]


@hooks.register("register_admin_urls")
def background_task_urls():
    return [
        path("background-tasks/", background_tasks, name="core_background_tasks"),
        path(
            "background-tasks/<uuid:task_id>/run-again/",
            run_task_again,
            name="core_run_task_again",
        ),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_background_tasks_menu_item():
    return SuperuserMenuItem(
        _("Background tasks"), reverse("core_background_tasks"), icon_name="cogs", order=900
    )


@hooks.register("insert_editor_js")
def page_chooser_scripts():
    return format_html(
        '<script src="{}"></script>'
        '<script src="{}" data-chooser-url="{}" data-open-url="{}"></script>',
        static("core/js/related-page-chooser.js"),
        static("core/js/linked-page-chooser.js"),
        reverse("wagtailadmin_choose_page"),
        reverse("open_link_chooser"),
    )
