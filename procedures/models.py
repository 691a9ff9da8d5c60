from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Orderable,
    Page,
)
from wagtail.search import index

from core.admin_forms import ContentPageForm
from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.models import APIPageMixin, ListingMixin, SectionIndexPage
from core.page_choosers import RelatedPageChooserPanel
from core.relations import validate_relations
from localization.regulated import RegulatedTextMixin
from locations.models import LocationPage
from people.models import MedicalReviewMixin
from procedures.blocks import ConditionBodyBlock, ProcedureBodyBlock
from serialization import prefetch, representation


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
    base_form_class = ContentPageForm

    search_result_type = _("Procedure")

    class Meta:
        verbose_name = _("procedure page")

    def clean(self):
        super().clean()
        conditions = [link.condition for link in self.condition_links.all()]
        validate_relations(self, {_("Conditions treated"): conditions})

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
        return representation.page_cards(self.listed_conditions())

    @prefetch.api_property
    def locations(self):
        return representation.page_cards(self.listed_locations())

    def listed_conditions(self):
        """The conditions this procedure treats, in the editors' order.

        In an API request they come from the scope, loaded for a whole listing at once.
        """
        return prefetch.cached_many(
            Page,
            [link.condition_id for link in self.condition_links.all()],
            lambda: list(self.treated_conditions()),
        )

    def listed_locations(self):
        """The live locations that offer this procedure, in its language, by title.

        In an API request they come from the scope (procedures.loaders), loaded
        for a whole listing at once.
        """
        if prefetch.current_scope() is None:
            return list(self.offering_locations())
        prefetch.ensure_warm(self)
        ids = prefetch.remember(
            ("offering-locations", self.pk),
            lambda: list(self.offering_locations().values_list("pk", flat=True)),
        )
        return sorted(prefetch.cached_many(Page, ids, list), key=lambda page: page.title)

    def offering_locations(self):
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

    panels = [RelatedPageChooserPanel("condition")]
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
    base_form_class = ContentPageForm

    search_result_type = _("Condition")

    class Meta:
        verbose_name = _("condition page")

    def clean(self):
        super().clean()
        validate_relations(self)

    @prefetch.api_property
    def procedures(self):
        return linked_page_cards(
            ("treating-procedures", self.pk), self.procedure_links, self.treating_procedures
        )

    def treating_procedures(self):
        """Derived from the procedures' own links, so there is one list to keep up to date."""
        # An alias (on another site) lists the original's procedures, which hold the links.
        return (
            ProcedurePage.objects.live()
            .filter(condition_links__condition_id=self.alias_of_id or self.pk, alias_of=None)
            .order_by("title")
        )
