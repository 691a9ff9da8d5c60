from django.contrib.contenttypes.models import ContentType
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from leads import admin_urls
from leads.models import LeadAccess, LeadFormPage
from leads.permissions import is_lead_manager


@hooks.register("register_admin_urls")
def register_leads_urls():
    return [path("leads/", include(admin_urls, namespace="leads"))]


class LeadsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_lead_manager(request.user)


@hooks.register("register_admin_menu_item")
def register_leads_menu_item():
    return LeadsMenuItem(
        _("Lead submissions"), reverse("leads:index"), name="leads", icon_name="form", order=650
    )


@hooks.register("filter_form_submissions_for_user")
def hide_lead_forms_from_wagtail_form_views(user, editable_forms):
    """Wagtail grants submissions to page editors; lead forms go through leads/views.py only."""
    return editable_forms.exclude(content_type=ContentType.objects.get_for_model(LeadFormPage))


class LeadAccessViewSet(SnippetViewSet):
    model = LeadAccess
    icon = "lock"
    menu_label = _("Lead manager access")
    add_to_settings_menu = True
    list_display = ["group", "location"]


register_snippet(LeadAccessViewSet)
