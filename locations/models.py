from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.actions import OutlinedPageMixin
from core.admin_forms import ContentPageForm
from core.claims import SubstantiatedClaimsMixin
from core.models import APIPageMixin, LinkRow, ListingMixin, SectionIndexPage
from core.page_choosers import RelatedPageChooserPanel
from core.phone import PhoneNumberField
from core.relations import validate_relations
from localization.regulated import RegulatedTextMixin
from locations.blocks import LocationBodyBlock
from people.models import Physician
from serialization import prefetch, registry, representation
from serialization.content_scope import ContentScope, in_language_of
from serialization.phone import display_phone

# fmt: off
US_STATE_CODES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR",
]
# fmt: on
US_STATES = [(code, code) for code in US_STATE_CODES]
validate_zip = RegexValidator(
    r"^\d{5}(-\d{4})?$", _("Enter a ZIP code such as 75201 or 75201-1234.")
)


#: A Wagtail hook: functions ``(request, index_page) -> dict`` that add to the
#: template context of the locations index.
LOCATION_INDEX_CONTEXT_HOOK = "location_index_context"


def offered_page_model():
    """The page type a location offers (its services), known through the relation alone.

    Procedures list the locations that offer them, so this app must not import theirs.
    """
    return LocationService._meta.get_field("procedure").related_model


class LocationIndexPage(SectionIndexPage):
    parent_page_types = ["home.HomePage"]

    children_ordering = ("state", "city")
    #: What the finder of clinics (added through LOCATION_INDEX_CONTEXT_HOOK) reads; the
    #: render cache (frontcache/render_cache.py) keeps an answer per value of these only.
    reads_query_parameters = ("near",)

    class Meta:
        verbose_name = _("location index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Apps above this one add to the index, e.g. the finder of clinics (?near=).
        for add_context in hooks.get_hooks(LOCATION_INDEX_CONTEXT_HOOK):
            context.update(add_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if any(name in request.GET for name in self.reads_query_parameters):
            # A result page (the finder's ?near=): kept briefly, like the site search.
            response["Cache-Control"] = settings.RESULT_PAGES_CACHE_CONTROL
        return response


class LocationPage(
    SubstantiatedClaimsMixin,
    OutlinedPageMixin,
    RegulatedTextMixin,
    APIPageMixin,
    ListingMixin,
    Page,
):
    """One facility of the network."""

    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2, choices=US_STATES)
    zip_code = models.CharField(
        max_length=10, validators=[validate_zip], verbose_name=_("ZIP code")
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    main_phone = PhoneNumberField()
    phone_24_7 = PhoneNumberField(blank=True, verbose_name=_("24/7 phone"))
    directions = models.TextField(blank=True)
    parking = models.TextField(blank=True)
    accessibility = models.TextField(
        blank=True, help_text=_("Step-free access, lifts, accessible parking, hearing loops...")
    )
    body = StreamField(LocationBodyBlock(), blank=True)

    # The address and phones are the same in every language: copied, not translated.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in ("street_address", "city", "zip_code", "main_phone", "phone_24_7")
    ]

    content_panels = (
        Page.content_panels
        + ListingMixin.listing_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("street_address"),
                    FieldRowPanel(
                        [FieldPanel("city"), FieldPanel("state"), FieldPanel("zip_code")]
                    ),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Address"),
            ),
            FieldRowPanel([FieldPanel("main_phone"), FieldPanel("phone_24_7")]),
            InlinePanel("hours", heading=_("Opening hours"), label=_("Day")),
            InlinePanel("services", heading=_("Procedures offered"), label=_("Procedure")),
            InlinePanel("physician_links", heading=_("Physicians"), label=_("Physician")),
            MultiFieldPanel(
                [FieldPanel("directions"), FieldPanel("parking"), FieldPanel("accessibility")],
                heading=_("Getting here"),
            ),
            InlinePanel("gallery_images", heading=_("Photo gallery"), label=_("Photo")),
            FieldPanel("body"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("city", boost=2),
        index.SearchField("street_address"),
        index.SearchField("body"),
        index.FilterField("state"),
        index.FilterField("zip_code"),
        index.AutocompleteField("title"),
        index.AutocompleteField("city"),
    ]

    api_fields = (
        APIPageMixin.common_api_fields
        + ListingMixin.listing_api_fields
        + [
            APIField("street_address", writable=True),
            APIField("city", writable=True),
            APIField("state", writable=True),
            APIField("zip_code", writable=True),
            APIField("latitude", writable=True),
            APIField("longitude", writable=True),
            APIField("geo"),
            APIField("main_phone", writable=True),
            APIField("phone_24_7", writable=True),
            APIField("phones"),
            APIField("hours", writable=True),
            APIField("opening_hours"),
            APIField("services", writable=True),
            APIField("procedures_offered"),
            APIField("physician_links", writable=True),
            APIField("physicians"),
            APIField("directions", writable=True),
            APIField("parking", writable=True),
            APIField("accessibility", writable=True),
            APIField("gallery_images", writable=True),
            APIField("gallery"),
            APIField("body", writable=True),
        ]
    )

    parent_page_types = ["locations.LocationIndexPage"]
    base_form_class = ContentPageForm

    search_result_type = _("Location")

    class Meta:
        verbose_name = _("location page")

    def clean(self):
        super().clean()
        procedures = [service.procedure for service in self.services.all()]
        validate_relations(self, {_("Procedures offered"): procedures})

    @property
    def main_phone_display(self):
        return display_phone(self.main_phone)

    @property
    def phone_24_7_display(self):
        return display_phone(self.phone_24_7)

    @property
    def geo(self):
        return {"latitude": float(self.latitude), "longitude": float(self.longitude)}

    @property
    def phones(self):
        return {
            "main": representation.phone_data(self.main_phone),
            "24_7": representation.phone_data(self.phone_24_7),
        }

    @prefetch.api_property
    def opening_hours(self):
        return self.hours_data()

    def hours_data(self):
        """The opening hours without warming the page for its other fields first."""
        with in_language_of(self):
            return [
                {
                    "weekday": row.weekday,
                    "day": str(row.get_weekday_display()),
                    "opens": row.opens.isoformat(timespec="minutes") if row.opens else None,
                    "closes": row.closes.isoformat(timespec="minutes") if row.closes else None,
                    "closed": row.closed,
                }
                for row in self.hours.all()
            ]

    @prefetch.api_property
    def procedures_offered(self):
        return representation.page_cards(self.listed_procedures(), ContentScope.of_page(self))

    @prefetch.api_property
    def physicians(self):
        return [representation.physician_data(physician) for physician in self.listed_physicians()]

    @prefetch.api_property
    def gallery(self):
        return [
            {
                "image": representation.image_data(
                    prefetch.cached_image(row, "image"), alt_text=row.alt_text
                ),
                "caption": row.caption,
            }
            for row in self.gallery_images.all()
        ]

    @prefetch.kept_per_instance
    def listed_procedures(self):
        """The procedures offered here, by title, as this page's site and language show them."""
        ids = [service.procedure_id for service in self.services.all()]
        chosen = prefetch.cached_many(Page, ids, lambda: pages_in_order(ids))
        shown = ContentScope.of_page(self).pages(chosen)
        return sorted(shown, key=lambda page: page.title)

    @prefetch.kept_per_instance
    def listed_physicians(self):
        """The physicians practising here, in the editors' order, in this page's language."""
        ids = [link.physician_id for link in self.physician_links.all()]
        chosen = prefetch.cached_many(
            Physician, ids, lambda: list(Physician.objects.filter(pk__in=ids))
        )
        by_id = {physician.pk: physician for physician in chosen}
        return ContentScope.of_page(self).snippets([by_id[pk] for pk in ids if pk in by_id])

    def listed_local_pages(self):
        """Pages about this clinic in detail (e.g. its local procedure pages), by the apps
        that own them; other children, such as a clinic's own lead form, are not listed."""
        return list(registry.related(self, "local_pages") or [])

    def lists_physicians_in_body(self):
        """Whether the body has its own physician list, which then replaces the fixed one."""
        return any(block.block_type == "physicians" for block in self.body)


def pages_in_order(ids):
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_id[pk] for pk in ids if pk in by_id]


class LocationHours(Orderable):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    closed = models.BooleanField(default=False)

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes"), FieldPanel("closed")]
        )
    ]
    api_fields = [
        APIField("weekday", writable=True),
        APIField("opens", writable=True),
        APIField("closes", writable=True),
        APIField("closed", writable=True),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError(_("A closed day has no opening or closing time."))
            return
        errors = {}
        if self.opens is None:
            errors["opens"] = _("Enter the opening time, or tick closed.")
        if self.closes is None:
            errors["closes"] = _("Enter the closing time, or tick closed.")
        if errors:
            raise ValidationError(errors)
        if self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class LocationService(LinkRow):
    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="services")
    procedure = models.ForeignKey(
        "procedures.ProcedurePage", on_delete=models.CASCADE, related_name="location_links"
    )

    linked_field = "procedure"
    panels = [RelatedPageChooserPanel("procedure")]

    class Meta(LinkRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "procedure"], name="unique_location_service")
        ]


class LocationPhysician(LinkRow):
    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="physician_links")
    physician = models.ForeignKey(
        "people.Physician", on_delete=models.CASCADE, related_name="location_links"
    )

    linked_field = "physician"

    class Meta(LinkRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "physician"], name="unique_location_physician")
        ]


class LocationGalleryImage(TranslatableMixin, Orderable):
    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(max_length=250, help_text=_("Describe the photo."))
    caption = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    api_fields = [
        APIField("image", writable=True),
        APIField("alt_text", writable=True),
        APIField("caption", writable=True),
    ]

    # Translatable, so that wagtail-localize offers each photo's alt text and caption.
    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass
