"""What the serialization layer needs to know of the clinics' pages."""

from django.db.models import prefetch_related_objects

from clinics.models import LocalProcedurePage
from locations.models import LocationPage
from serialization import registry
from serialization.content_scope import ContentScope


def local_pages(location):
    """The location's live local procedure pages, by title; its other children (a clinic's
    own lead form) are not pages about the clinic's procedures."""
    pages = LocalProcedurePage.objects.child_of(location).live().order_by("title")
    return ContentScope.of_page(location).pages(list(pages), own_site_only=True)


def prefetch_local_facts(pages):
    """The surgeons and testimonials of all the pages at once, with their snippets: the
    page's data, its template and its structured data all list them."""
    prefetch_related_objects(pages, "surgeons__physician", "local_testimonials__testimonial")


def register():
    registry.add_relation(LocationPage, "local_pages", local_pages)
    registry.register(LocalProcedurePage, prefetch=prefetch_local_facts)
