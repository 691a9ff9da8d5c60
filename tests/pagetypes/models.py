from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import APIPageMixin, ListingMixin


class ClinicEventPage(ListingMixin, APIPageMixin, Page):
    """A talk or open day at one clinic."""

    starts_at = models.DateTimeField()
    description = RichTextField(blank=True)

    content_panels = (
        Page.content_panels
        + ListingMixin.listing_panels
        + [FieldPanel("starts_at"), FieldPanel("description")]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
    ]

    api_fields = (
        APIPageMixin.common_api_fields
        + ListingMixin.listing_api_fields
        + [APIField("starts_at", writable=True), APIField("description", writable=True)]
    )

    parent_page_types = ["locations.LocationPage"]

    search_result_type = _("Clinic event")
