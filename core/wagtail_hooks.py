from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.actions import PlaceholderCheckedPublishPageRevisionAction
from core.models import CallToAction
from core.page_choosers import (
    IN_LOCALE_PARAMETER,
    RELATED_TO_PARAMETER,
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


@hooks.register("construct_page_chooser_queryset")
def offer_only_relatable_pages(pages, request):
    """A relation's chooser (core.page_choosers) offers what the edited page may relate to;
    a snippet's, the pages of the snippet's language."""
    in_locale = request.GET.get(IN_LOCALE_PARAMETER, "")
    if in_locale.isdigit():
        return pages_in_locale(pages, int(in_locale))
    related_to = request.GET.get(RELATED_TO_PARAMETER, "")
    if not related_to.isdigit():
        return pages
    page = Page.objects.filter(pk=related_to).first()
    if page is None or not _works_on(request.user, page):
        return pages.none()  # another brand's page names no scope for this editor
    return relatable_pages(pages, page)


def _works_on(user, page):
    """Whether ``user`` edits ``page`` or adds pages under it (the edited page or the parent
    of a new one)."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_add_subpage()


@hooks.register("insert_editor_js")
def related_page_chooser_js():
    return format_html('<script src="{}"></script>', static("core/js/related-page-chooser.js"))
