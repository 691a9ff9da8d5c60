from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from leads import admin_urls, signed_forms
from leads.models import LeadAccess, LeadFormPage
from leads.permissions import is_lead_manager
from leads.protection import (
    ProtectedDeletePageAction,
    deletion_refusal,
    with_translations,
)
from people.wagtail_hooks import CONSENT_LEDGER_FORM_HOOK, CONSENT_LEDGER_LISTING_HOOK


@hooks.register("register_admin_urls")
def register_leads_urls():
    return [path("leads/", include(admin_urls, namespace="leads"))]


class LeadsMenuItem(MenuItem):
    # Superusers see it too: the page offers them access when they have none.
    def is_shown(self, request):
        return request.user.is_superuser or is_lead_manager(request.user)


@hooks.register("register_admin_menu_item")
def register_leads_menu_item():
    return LeadsMenuItem(
        _("Lead submissions"), reverse("leads:index"), name="leads", icon_name="form", order=650
    )


@hooks.register("filter_form_submissions_for_user")
def hide_lead_forms_from_wagtail_form_views(user, editable_forms):
    """Wagtail grants submissions to page editors; lead forms go through leads/views.py only."""
    return editable_forms.exclude(content_type=ContentType.objects.get_for_model(LeadFormPage))


@hooks.register("register_actions")
def register_protected_page_deletion(registry):
    registry.register(Page, ProtectedDeletePageAction)


class ProtectedDeletePageAPIAction(DeletePageAPIAction):
    def _action_from_data(self, instance, data):
        return ProtectedDeletePageAction(page=instance, user=self.request.user)


class ProtectedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin's own page API (session-authenticated): its delete action names
    DeletePageAction itself, so it gets the protected one here."""

    actions = {**PagesAdminAPIViewSet.actions, "delete": ProtectedDeletePageAPIAction}


@hooks.register("construct_admin_api")
def protect_form_pages_in_the_admin_api(router):
    router.register_endpoint("pages", ProtectedPagesAdminAPIViewSet)


def _refused(request, refusal, page):
    messages.error(request, str(refusal))
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_delete_page")
def protect_form_pages_with_submissions(request, page):
    refusal = deletion_refusal(request.user, with_translations([page]))
    return _refused(request, refusal, page) if refusal else None


@hooks.register("before_bulk_action")
def protect_form_pages_from_bulk_deletion(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    refusal = deletion_refusal(request.user, with_translations(objects))
    return _refused(request, refusal, objects[0]) if refusal else None


@hooks.register(CONSENT_LEDGER_FORM_HOOK)
def add_the_signed_form_to_the_ledger():
    return signed_forms.ledger_form_extension()


@hooks.register(CONSENT_LEDGER_LISTING_HOOK)
def show_the_signed_form_in_the_ledger():
    return signed_forms.ledger_listing_extension()


@hooks.register("before_delete_snippet")
def keep_authorizations_with_their_signed_form(request, instances):
    """A signed form is kept six years (45 CFR 164.530(j)) with its authorization."""
    refusal = signed_forms.deletion_refusal(instances)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailsnippets_people_testimonialauthorization:list")


class LeadAccessViewSet(SnippetViewSet):
    model = LeadAccess
    icon = "lock"
    menu_label = _("Lead manager access")
    add_to_settings_menu = True
    list_display = ["group", "location"]


register_snippet(LeadAccessViewSet)
