from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.actions import OutlinedPageMixin
from core.admin_forms import ContentPageForm
from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.claims import SubstantiatedClaimsMixin
from core.models import APIPageMixin, LinkRow, ListingMixin, SectionIndexPage
from core.page_choosers import RelatedPageChooserPanel
from core.relations import validate_relations
from localization.regulated import RegulatedTextMixin
from locations.models import LocationPage
from people.models import MedicalReviewMixin
from procedures.blocks import ConditionBodyBlock, ProcedureBodyBlock
from serialization import prefetch, representation
from serialization.content_scope import ContentScope, in_language_of


class BodyRegion(models.TextChoices):
    CERVICAL = "cervical", _("Cervical (neck)")
    THORACIC = "thoracic", _("Thoracic (upper and mid back)")
    LUMBAR = "lumbar", _("Lumbar (lower back)")
    SACRAL = "sacral", _("Sacral (pelvis)")


class ProcedureIndexPage(SectionIndexPage):
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("procedure index page")


class ProcedurePage(
    SubstantiatedClaimsMixin,
    OutlinedPageMixin,
    RegulatedTextMixin,
    APIPageMixin,
    ListingMixin,
    MedicalReviewMixin,
    Page,
):
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
            InlinePanel(
                "condition_links",
                heading=_("Conditions treated"),
                label=_("Condition"),
                help_text=_(
                    "What this procedure treats: links both pages and fills the condition "
                    "page's procedure list. To show the list in the body, add a Conditions "
                    "treated block and leave its conditions empty."
                ),
            ),
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
    base_form_class = ContentPageForm

    medical_review_interval_months = 12
    medically_reviewed_fields = (
        "introduction",
        "procedure_type",
        "body_region",
        "outpatient",
        "typical_recovery_time",
        "body",
    )

    search_result_type = _("Procedure")

    class Meta:
        verbose_name = _("procedure page")

    def clean(self):
        super().clean()
        conditions = [link.condition for link in self.condition_links.all()]
        validate_relations(self, {_("Conditions treated"): conditions})

    @property
    def procedure_type_label(self):
        with in_language_of(self):
            return str(self.get_procedure_type_display())

    @property
    def body_region_label(self):
        with in_language_of(self):
            return str(self.get_body_region_display())

    @prefetch.api_property
    def conditions(self):
        return representation.page_cards(self.listed_conditions(), ContentScope.of_page(self))

    @prefetch.api_property
    def locations(self):
        return representation.page_cards(self.listed_locations(), ContentScope.of_page(self))

    def listed_conditions(self):
        """The conditions this procedure treats, in the editors' order, as its site and
        language show them (serialization.content_scope).

        In an API request they come from the scope, loaded for a whole listing at once.
        """
        ids = [link.condition_id for link in self.condition_links.all()]
        chosen = prefetch.cached_many(Page, ids, lambda: pages_in_order(ids))
        return ContentScope.of_page(self).pages(chosen)

    def listed_locations(self):
        """The live locations of this page's site that offer this procedure, by title.

        In an API request they come from the scope (procedures.loaders), loaded
        for a whole listing at once.
        """
        if not self.pk:
            return []
        prefetch.ensure_warm(self)
        ids = prefetch.remember(
            ("offering-locations", self.pk),
            lambda: list(self.offering_locations().values_list("pk", flat=True)),
        )
        offering = prefetch.cached_many(Page, ids, lambda: pages_in_order(ids))
        shown = ContentScope.of_page(self).pages(offering, own_site_only=True)
        return sorted(shown, key=lambda page: page.title)

    def offering_locations(self):
        """Locations, in any language, whose services name any version of this procedure.

        Translated locations keep naming the procedure in the source language, and
        an alias stands for its original.
        """
        procedure = self.alias_of if self.alias_of_id else self
        return LocationPage.objects.filter(
            services__procedure__translation_key=procedure.translation_key,
            alias_of__isnull=True,
        ).distinct()


def pages_in_order(ids):
    """The pages with these ids, specific, in the order of ``ids``."""
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_id[pk] for pk in ids if pk in by_id]


class ProcedureCondition(LinkRow):
    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(
        "procedures.ConditionPage", on_delete=models.CASCADE, related_name="procedure_links"
    )

    linked_field = "condition"
    panels = [RelatedPageChooserPanel("condition")]

    class Meta(LinkRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "condition"], name="unique_procedure_condition")
        ]


class ConditionIndexPage(SectionIndexPage):
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("condition index page")


class ConditionPage(
    SubstantiatedClaimsMixin,
    OutlinedPageMixin,
    RegulatedTextMixin,
    APIPageMixin,
    ListingMixin,
    MedicalReviewMixin,
    Page,
):
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
    base_form_class = ContentPageForm

    medical_review_interval_months = 12
    medically_reviewed_fields = ("symptoms", "causes", "typical_tests", "body")

    search_result_type = _("Condition")

    class Meta:
        verbose_name = _("condition page")

    def clean(self):
        super().clean()
        validate_relations(self)

    @prefetch.api_property
    def procedures(self):
        return representation.page_cards(self.listed_procedures(), ContentScope.of_page(self))

    def listed_procedures(self):
        """The procedures of this page's site that treat this condition, by title.

        Derived from the procedures' own links (one list to keep up to date), in
        any language: a translated procedure may still name the English condition.
        """
        if not self.pk:
            return []
        prefetch.ensure_warm(self)
        ids = prefetch.remember(
            ("treating-procedures", self.pk),
            lambda: list(self.treating_procedures().values_list("pk", flat=True)),
        )
        treating = prefetch.cached_many(Page, ids, lambda: pages_in_order(ids))
        shown = ContentScope.of_page(self).pages(treating, own_site_only=True)
        return sorted(shown, key=lambda page: page.title)

    def treating_procedures(self):
        condition = self.alias_of if self.alias_of_id else self
        return ProcedurePage.objects.filter(
            condition_links__condition__translation_key=condition.translation_key,
            alias_of__isnull=True,
        ).distinct()
