from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn, LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinics.finder import finder_context
from clinics.views import ClinicScopedViewSetMixin
from core.admin_filters import LiveStatusFilter
from core.autosaved_drafts import AutosavedDraftCreateViewMixin
from locations.models import LOCATION_INDEX_CONTEXT_HOOK
from people.models import Testimonial


class TestimonialFilterSet(WagtailFilterSet):
    # The locale filter is Wagtail's own, added for every translatable model.
    status = LiveStatusFilter()

    class Meta:
        model = Testimonial
        fields = ["condition", "procedure", "location"]


# Registered here rather than in people/: testimonials are edited clinic by
# clinic, under the clinic-scoped permission policy this app registers.
class TestimonialViewSet(ClinicScopedViewSetMixin, SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    menu_label = _("Testimonials")
    list_display = [
        "display_name",
        "condition_name",
        "procedure_name",
        LocaleColumn(),
        LiveStatusTagColumn(),
    ]
    filterset_class = TestimonialFilterSet
    add_to_admin_menu = True
    menu_order = 310

    @property
    def add_view_class(self):
        # A publish refused for want of an authorization names the draft that autosave kept.
        view_class = super().add_view_class
        return type(view_class.__name__, (AutosavedDraftCreateViewMixin, view_class), {})


register_snippet(TestimonialViewSet)


@hooks.register(LOCATION_INDEX_CONTEXT_HOOK)
def add_location_finder(request, index_page):
    return finder_context(request, index_page)  # ?near=<ZIP or city>
