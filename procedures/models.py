from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.models import APIPageMixin, ListingMixin, MedicalReviewMixin, SectionIndexPage
from localization.regulated import RegulatedTextMixin
from procedures.blocks import ConditionBodyBlock, ProcedureBodyBlock
from procedures.forms import TestimonialForm
from serialization import prefetch, representation

DEFAULT_TESTIMONIAL_DISCLOSURE = (
    "Individual results vary. This testimonial describes one patient's experience "
    "and is not a promise of any outcome."
)


CONSENT_REQUIRED_MESSAGE = _(
    "A testimonial cannot be published without the date of the patient's consent on file."
)


def linked_page_cards(memo_key, links, fallback):
    """Cards, by title, of the live pages that ``links`` (rows with a ``page``) come from.

    Inside an API scope the page ids are memoized (warmed for a whole listing at
    once) and the pages come from the scope; outside, ``fallback()`` queries them.
    """
    # Aliases on other sites carry the same links; they are not extra procedures.
    links = links.filter(page__alias_of__isnull=True)
    page_ids = prefetch.remember(memo_key, lambda: list(links.values_list("page_id", flat=True)))
    pages = prefetch.cached_many(Page, page_ids, lambda: list(fallback()))
    return representation.page_cards(sorted(pages, key=lambda page: page.title))


class BodyRegion(models.TextChoices):
    CERVICAL = "cervical", _("Cervical (neck)")
    THORACIC = "thoracic", _("Thoracic (upper and mid back)")
    LUMBAR = "lumbar", _("Lumbar (lower back)")
    SACRAL = "sacral", _("Sacral (pelvis)")


class ProcedureIndexPage(SectionIndexPage):
    subpage_types = ["procedures.ProcedurePage"]

    class Meta:
        verbose_name = _("procedure index page")


class ProcedurePage(RegulatedTextMixin, APIPageMixin, ListingMixin, MedicalReviewMixin, Page):
    class ProcedureType(models.TextChoices):
        SURGICAL = "surgical", _("Surgical")
        MINIMALLY_INVASIVE = "minimally_invasive", _("Minimally invasive")
        NON_SURGICAL = "non_surgical", _("Non-surgical")

    introduction = RichTextField(features=BODY_RICH_TEXT_FEATURES)
    procedure_type = models.CharField(max_length=20, choices=ProcedureType.choices)
    body_region = models.CharField(max_length=10, choices=BodyRegion.choices)
    outpatient = models.BooleanField(
        default=True, help_text=_("Usually done without a hospital stay.")
    )
    typical_recovery_time = models.CharField(
        max_length=80, blank=True, help_text=_("e.g. 2 to 6 weeks")
    )
    body = StreamField(ProcedureBodyBlock(), blank=True)

    content_panels = (
        Page.content_panels
        + ListingMixin.listing_panels
        + [
            FieldPanel("introduction"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("procedure_type"), FieldPanel("body_region")]),
                    FieldRowPanel([FieldPanel("outpatient"), FieldPanel("typical_recovery_time")]),
                ],
                heading=_("Facts"),
            ),
            InlinePanel("condition_links", heading=_("Conditions treated"), label=_("Condition")),
            FieldPanel("body"),
        ]
        + MedicalReviewMixin.medical_review_panels
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("procedure_type"),
        index.FilterField("body_region"),
        index.AutocompleteField("title"),
    ]

    api_fields = (
        APIPageMixin.common_api_fields
        + ListingMixin.listing_api_fields
        + [
            APIField("introduction", writable=True),
            APIField("procedure_type", writable=True),
            APIField("procedure_type_label"),
            APIField("body_region", writable=True),
            APIField("body_region_label"),
            APIField("outpatient", writable=True),
            APIField("typical_recovery_time", writable=True),
            APIField("condition_links", writable=True),
            APIField("conditions"),
            APIField("locations"),
            APIField("body", writable=True),
        ]
        + MedicalReviewMixin.medical_review_api_fields
    )

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = []

    search_result_type = _("Procedure")

    class Meta:
        verbose_name = _("procedure page")

    def treated_conditions(self):
        return (
            ConditionPage.objects.live()
            .filter(procedure_links__page=self)
            .order_by("procedure_links__sort_order")
        )

    @property
    def procedure_type_label(self):
        return str(self.get_procedure_type_display())

    @property
    def body_region_label(self):
        return str(self.get_body_region_display())

    @prefetch.api_property
    def conditions(self):
        pages = prefetch.cached_many(
            Page,
            [link.condition_id for link in self.condition_links.all()],
            lambda: list(self.treated_conditions()),
        )
        return representation.page_cards(pages)

    @prefetch.api_property
    def locations(self):
        return linked_page_cards(
            ("offering-locations", self.pk), self.location_links, self.offering_locations
        )

    @classmethod
    def api_related_pages(cls, pages):
        from locations.models import LocationPage, LocationService

        links = LocationService.objects.filter(procedure__in=pages).values_list(
            "procedure_id", "page_id"
        )
        return {LocationPage: prefetch.remember_grouped("offering-locations", pages, links)}

    @classmethod
    def warm_api_data(cls, pages):
        prefetch_related_objects(pages, "condition_links")

    def offering_locations(self):
        from locations.models import LocationPage

        # Locations offer the original procedure, and translated locations keep naming
        # it in the source language: match any translation of the original and keep the
        # locations in this page's language.
        procedure = self.alias_of if self.alias_of_id else self
        return (
            LocationPage.objects.live()
            .filter(
                services__procedure__translation_key=procedure.translation_key,
                locale=self.locale_id,
            )
            .distinct()
            .order_by("title")
        )


class ProcedureCondition(Orderable):
    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(
        "procedures.ConditionPage", on_delete=models.CASCADE, related_name="procedure_links"
    )

    panels = [FieldPanel("condition")]
    api_fields = [APIField("condition", writable=True)]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "condition"], name="unique_procedure_condition")
        ]


class ConditionIndexPage(SectionIndexPage):
    subpage_types = ["procedures.ConditionPage"]

    class Meta:
        verbose_name = _("condition index page")


class ConditionPage(RegulatedTextMixin, APIPageMixin, ListingMixin, MedicalReviewMixin, Page):
    symptoms = RichTextField(features=BODY_RICH_TEXT_FEATURES)
    causes = RichTextField(features=BODY_RICH_TEXT_FEATURES)
    typical_tests = RichTextField(blank=True, features=BODY_RICH_TEXT_FEATURES)
    body = StreamField(ConditionBodyBlock(), blank=True)

    content_panels = (
        Page.content_panels
        + ListingMixin.listing_panels
        + [
            FieldPanel("symptoms"),
            FieldPanel("causes"),
            FieldPanel("typical_tests"),
            FieldPanel("body"),
        ]
        + MedicalReviewMixin.medical_review_panels
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("symptoms"),
        index.SearchField("causes"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
    ]

    api_fields = (
        APIPageMixin.common_api_fields
        + ListingMixin.listing_api_fields
        + [
            APIField("symptoms", writable=True),
            APIField("causes", writable=True),
            APIField("typical_tests", writable=True),
            APIField("procedures"),
            APIField("body", writable=True),
        ]
        + MedicalReviewMixin.medical_review_api_fields
    )

    parent_page_types = ["procedures.ConditionIndexPage"]
    subpage_types = []

    search_result_type = _("Condition")

    class Meta:
        verbose_name = _("condition page")

    @prefetch.api_property
    def procedures(self):
        return linked_page_cards(
            ("treating-procedures", self.pk), self.procedure_links, self.treating_procedures
        )

    @classmethod
    def api_related_pages(cls, pages):
        links = ProcedureCondition.objects.filter(
            condition__in=pages, page__alias_of__isnull=True
        ).values_list("condition_id", "page_id")
        return {ProcedurePage: prefetch.remember_grouped("treating-procedures", pages, links)}

    def treating_procedures(self):
        """Derived from the procedures' own links, so there is one list to keep up to date."""
        # An alias (on another site) lists the original's procedures, which hold the links.
        return (
            ProcedurePage.objects.live()
            .filter(condition_links__condition_id=self.alias_of_id or self.pk, alias_of=None)
            .order_by("title")
        )


class TestimonialQuerySet(models.QuerySet):
    def publicly_shown(self):
        return self.filter(live=True, consent_on_file__isnull=False)


class Testimonial(
    RegulatedTextMixin,
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A patient's own words; shown only when published with consent on file."""

    display_name = models.CharField(max_length=60, help_text=_('e.g. "Larry L."'))
    condition = models.ForeignKey(
        ConditionPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="testimonials"
    )
    procedure = models.ForeignKey(
        ProcedurePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="testimonials"
    )
    location = models.ForeignKey(
        "locations.LocationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )
    condition_label = models.CharField(
        max_length=80, blank=True, help_text=_("As the patient put it, e.g. Spinal Stenosis.")
    )
    procedure_label = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("As the patient put it, e.g. Laminotomy/ Laminectomy."),
    )
    headline_quote = models.TextField()
    quotes = StreamField(
        [("quote", blocks.TextBlock(label=_("Quote")))], blank=True, verbose_name=_("longer quotes")
    )
    consent_on_file = models.DateField(
        null=True,
        blank=True,
        help_text=_("The date of the patient's signed consent. Required to publish."),
    )
    disclosure = models.TextField(default=DEFAULT_TESTIMONIAL_DISCLOSURE)

    objects = TestimonialQuerySet.as_manager()
    regulated_fields = ["disclosure"]
    api_select_related = ["condition", "procedure"]
    base_form_class = TestimonialForm

    panels = [
        FieldPanel("display_name"),
        FieldRowPanel([FieldPanel("condition"), FieldPanel("condition_label")]),
        FieldRowPanel([FieldPanel("procedure"), FieldPanel("procedure_label")]),
        FieldPanel("location"),
        FieldPanel("headline_quote"),
        FieldPanel("quotes"),
        FieldPanel("consent_on_file"),
        FieldPanel("disclosure"),
    ]

    search_fields = [
        index.SearchField("display_name"),
        index.SearchField("headline_quote"),
        index.SearchField("condition_label"),
        index.SearchField("procedure_label"),
        index.AutocompleteField("display_name"),
        index.FilterField("live"),
        index.FilterField("consent_on_file"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("display_name", writable=True),
        APIField("condition", writable=True),
        APIField("condition_label", writable=True),
        APIField("procedure", writable=True),
        APIField("procedure_label", writable=True),
        APIField("location", writable=True),
        APIField("headline_quote", writable=True),
        APIField("quotes", writable=True),
        APIField("consent_on_file", writable=True),
        APIField("disclosure", writable=True),
        APIField("condition_name"),
        APIField("procedure_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("testimonial")
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}: {self.headline_quote[:40]}"

    @property
    def is_publicly_shown(self):
        return self.live and self.consent_on_file is not None

    @property
    def condition_name(self):
        return self.condition_label or (self.condition.title if self.condition else "")

    @property
    def procedure_name(self):
        return self.procedure_label or (self.procedure.title if self.procedure else "")

    def check_publishable(self):
        if self.consent_on_file is None:
            raise ValidationError({"consent_on_file": CONSENT_REQUIRED_MESSAGE})

    def publish(self, revision, *args, **kwargs):
        revision.as_object().check_publishable()
        return super().publish(revision, *args, **kwargs)

    def get_preview_template(self, request, mode_name):
        return "procedures/testimonial_preview.html"
