from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinics.finder import finder_context
from clinics.views import ClinicScopedViewSetMixin
from locations.models import LOCATION_INDEX_CONTEXT_HOOK
from people.models import Testimonial


# Registered here rather than in people/: testimonials are edited clinic by
# clinic, under the clinic-scoped permission policy this app registers.
class TestimonialViewSet(ClinicScopedViewSetMixin, SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    menu_label = _("Testimonials")
    list_display = ["display_name", "condition_name", "procedure_name", "consent_on_file", "live"]
    list_filter = ["live", "condition", "procedure", "location"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(TestimonialViewSet)


@hooks.register(LOCATION_INDEX_CONTEXT_HOOK)
def add_location_finder(request, index_page):
    return finder_context(request, index_page)  # ?near=<ZIP or city>
