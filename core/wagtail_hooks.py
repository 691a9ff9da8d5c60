from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import CallToAction


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "pick"
    menu_label = _("Calls to action")
    list_display = ["heading", "kind", "button_label", LocaleColumn()]
    list_filter = ["kind"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(CallToActionViewSet)
