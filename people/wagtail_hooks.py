from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.actions import ConsentCheckedPublishAction
from people.models import Physician, Testimonial


class PhysicianViewSet(SnippetViewSet):
    model = Physician
    icon = "group"
    menu_label = _("Physicians")
    list_display = ["name", "credentials", "specialties", "npi", LocaleColumn()]
    list_filter = ["credentials"]
    add_to_admin_menu = True
    menu_order = 320


register_snippet(PhysicianViewSet)


@hooks.register("register_actions")
def register_consent_checked_publishing(registry):
    # An app above may have registered a stricter publish action built on this one
    # (clinics checks the clinic too); keep it.
    current = registry.actions.get(Testimonial, {}).get("publish")
    if not (current and issubclass(current, ConsentCheckedPublishAction)):
        registry.register(Testimonial, ConsentCheckedPublishAction)
