from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinics.views import ClinicScopedViewSetMixin
from procedures.models import Testimonial


class TestimonialViewSet(ClinicScopedViewSetMixin, SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    menu_label = _("Testimonials")
    list_display = ["display_name", "condition_name", "procedure_name", "consent_on_file", "live"]
    list_filter = ["live", "condition", "procedure", "location"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(TestimonialViewSet)
