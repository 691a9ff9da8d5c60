from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
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

from cms.blocks.content import BODY_RICH_TEXT_FEATURES
from cms.models import ListingMixin, MedicalReviewMixin
from procedures.blocks import ConditionBodyBlock, ProcedureBodyBlock
from procedures.forms import TestimonialForm

DEFAULT_TESTIMONIAL_DISCLOSURE = (
    "Individual results vary. This testimonial describes one patient's experience "
    "and is not a promise of any outcome."
)


CONSENT_REQUIRED_MESSAGE = _(
    "A testimonial cannot be published without the date of the patient's consent on file."
)


class BodyRegion(models.TextChoices):
    CERVICAL = "cervical", _("Cervical (neck)")
    THORACIC = "thoracic", _("Thoracic (upper and mid back)")
    LUMBAR = "lumbar", _("Lumbar (lower back)")
    SACRAL = "sacral", _("Sacral (pelvis)")


class ProcedureIndexPage(Page):
    intro = RichTextField(blank=True, features=BODY_RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("procedure index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = (
            ProcedurePage.objects.child_of(self)
            .live()
            .order_by("title")
            .select_related("hero_image")
        )
        return context


class ProcedurePage(ListingMixin, MedicalReviewMixin, Page):
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

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("procedure page")

    def treated_conditions(self):
        return (
            ConditionPage.objects.live()
            .filter(procedure_links__page=self)
            .order_by("procedure_links__sort_order")
        )

    def offering_locations(self):
        from locations.models import LocationPage

        return LocationPage.objects.live().filter(services__procedure=self).order_by("title")


class ProcedureCondition(Orderable):
    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(
        "procedures.ConditionPage", on_delete=models.CASCADE, related_name="procedure_links"
    )

    panels = [FieldPanel("condition")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "condition"], name="unique_procedure_condition")
        ]


class ConditionIndexPage(Page):
    intro = RichTextField(blank=True, features=BODY_RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["procedures.ConditionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("condition index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = ConditionPage.objects.child_of(self).live().order_by("title")
        return context


class ConditionPage(ListingMixin, MedicalReviewMixin, Page):
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

    parent_page_types = ["procedures.ConditionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("condition page")

    def treating_procedures(self):
        """Derived from the procedures' own links, so there is one list to keep up to date."""
        return (
            ProcedurePage.objects.live().filter(condition_links__condition=self).order_by("title")
        )


class TestimonialQuerySet(models.QuerySet):
    def publicly_shown(self):
        return self.filter(live=True, consent_on_file__isnull=False)


class Testimonial(
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
        index.FilterField("locale_id"),
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
