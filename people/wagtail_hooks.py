from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.models import Physician


class PhysicianViewSet(SnippetViewSet):
    model = Physician
    icon = "group"
    menu_label = _("Physicians")
    list_display = ["name", "credentials", "specialties", "npi", LocaleColumn()]
    list_filter = ["credentials"]
    add_to_admin_menu = True
    menu_order = 320


register_snippet(PhysicianViewSet)
