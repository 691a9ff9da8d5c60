"""What the serialization layer needs to know of the clinics' pages."""

from clinics.models import LocalProcedurePage
from locations.models import LocationPage
from serialization import registry
from serialization.content_scope import ContentScope


def local_pages(location):
    """The location's live local procedure pages, by title; its other children (a clinic's
    own lead form) are not pages about the clinic's procedures."""
    pages = LocalProcedurePage.objects.child_of(location).live().order_by("title")
    return ContentScope.of_page(location).pages(list(pages), own_site_only=True)


def register():
    registry.add_relation(LocationPage, "local_pages", local_pages)
