"""Clinic-level content and people: local procedure pages and each clinic's editing team."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from clinics.forms import LocalProcedurePageForm
from clinics.rules import LOCAL_FACT_REQUIRED, LOCAL_INTRODUCTION_REQUIRED, has_text
from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.models import APIPageMixin, LinkRow
from core.page_choosers import RelatedPageChooserPanel
from core.phone import PhoneNumberField
from people.consent import shown_to_reader
from search.registry import SiteSearchablePage
from serialization import prefetch, representation
from serialization.content_scope import ContentScope
from serialization.phone import display_phone


class LocalProcedurePage(SiteSearchablePage, APIPageMixin, Page):
    """A shared procedure as one clinic offers it: the shared content plus local facts.

    Lives at /locations/<location>/<procedure>/. It holds no copy of the
    procedure's content: the template and the API read it from the chosen
    ProcedurePage, so a network edit shows here at once.
    """

    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        on_delete=models.PROTECT,
        related_name="local_pages",
        help_text=_("The shared procedure page this page localizes."),
    )
    local_introduction = RichTextField(
        blank=True,
        features=BODY_RICH_TEXT_FEATURES,
        help_text=_("Required to publish: how this clinic does the procedure."),
    )
    direct_phone = PhoneNumberField(
        blank=True, help_text=_("A direct line for this procedure at this clinic, if any.")
    )
    schedule_note = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("When the procedure is done here, e.g. Tuesday and Thursday mornings."),
    )

    #: A procedure page at one clinic: small screens keep a call and review bar at its bottom.
    shows_action_bar = True

    content_panels = Page.content_panels + [
        RelatedPageChooserPanel("procedure"),
        FieldPanel("local_introduction"),
        MultiFieldPanel(
            [
                InlinePanel("surgeons", label=_("Surgeon")),
                InlinePanel("local_testimonials", label=_("Local testimonial")),
                FieldPanel("direct_phone"),
                FieldPanel("schedule_note"),
            ],
            heading=_("Local facts (at least one to publish)"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("local_introduction"),
        index.FilterField("procedure_id"),
    ]

    api_fields = APIPageMixin.common_api_fields + [
        APIField("procedure", writable=True),
        APIField("local_introduction", writable=True),
        APIField("direct_phone", writable=True),
        APIField("schedule_note", writable=True),
        APIField("surgeons", writable=True),
        APIField("local_testimonials", writable=True),
        APIField("shared_procedure"),
        APIField("clinic"),
        APIField("physicians"),
        APIField("testimonials"),
    ]

    parent_page_types = ["locations.LocationPage"]
    base_form_class = LocalProcedurePageForm

    # Patients search for a procedure in their city: the local page answers both.
    search_result_type = _("Procedure at a clinic")

    class Meta:
        verbose_name = _("local procedure page")

    def get_search_result_summary(self):
        return self.search_description or strip_tags(self.local_introduction)

    @property
    def direct_phone_display(self):
        return display_phone(self.direct_phone)

    def local_facts(self):
        """The names of the local facts this page states."""
        # list(): the inline rows of an unsaved revision live in memory, not in the database.
        facts = {
            "surgeons": bool(list(self.surgeons.all())),
            "local_testimonials": bool(list(self.local_testimonials.all())),
            "direct_phone": bool(self.direct_phone),
            "schedule_note": bool(self.schedule_note.strip()),
        }
        return [name for name, present in facts.items() if present]

    def publishing_errors(self):
        """Field errors that keep this page from going live, empty when it may."""
        errors = {}
        if not has_text(self.local_introduction):
            errors["local_introduction"] = LOCAL_INTRODUCTION_REQUIRED
        if not self.local_facts():
            errors["__all__"] = LOCAL_FACT_REQUIRED
        return errors

    def publish(self, revision, *args, **kwargs):
        # Every way of publishing (admin, API v3, workflows, scheduled) ends here.
        errors = revision.as_object().publishing_errors()
        if errors:
            raise ValidationError(errors)
        return super().publish(revision, *args, **kwargs)

    @prefetch.kept_per_instance
    def listed_procedure(self):
        """The shared procedure as this page's site and language show it; None while it
        is not live, so that an unpublished procedure's content is never shown here."""
        procedure = self.procedure
        if procedure is None or not procedure.live:
            return None
        return ContentScope.of_page(self).page(procedure) or procedure

    @prefetch.kept_per_instance
    def listed_surgeons(self):
        physicians = [link.physician for link in self.surgeons.all()]
        return ContentScope.of_page(self).snippets(physicians)

    def listed_testimonials(self):
        testimonials = [link.testimonial for link in self.local_testimonials.all()]
        shown = ContentScope.of_page(self).snippets(testimonials)
        live = [testimonial for testimonial in shown if testimonial.is_publicly_shown]
        return shown_to_reader(live)

    @property
    def shared_procedure(self):
        """The shared procedure's card, introduction and body, as this page shows them;
        None while the procedure is not live."""
        procedure = self.listed_procedure()
        if procedure is None:
            return None
        card = representation.page_card(procedure, ContentScope.of_page(self))
        if card is None:
            return None
        body = procedure.body.stream_block.get_api_representation(
            procedure.body, context={"page": self}
        )
        return {
            **card,
            "introduction": representation.rich_text_html(procedure.introduction),
            "procedure_type": procedure.procedure_type_label,
            "typical_recovery_time": procedure.typical_recovery_time,
            "body": body,
        }

    @property
    def physicians(self):
        return [representation.physician_data(p) for p in self.listed_surgeons()]

    @property
    def testimonials(self):
        return [representation.testimonial_data(t) for t in self.listed_testimonials()]

    @property
    def clinic(self):
        location = self.get_parent().specific
        return {
            **representation.page_card(location, ContentScope.of_page(self)),
            "phones": location.phones,
            # Only the hours: the clinic's other data (services, gallery) is not shown here.
            "opening_hours": location.hours_data(),
        }


class LocalProcedureSurgeon(LinkRow):
    page = ParentalKey(LocalProcedurePage, on_delete=models.CASCADE, related_name="surgeons")
    physician = models.ForeignKey(
        "people.Physician", on_delete=models.CASCADE, related_name="local_procedure_links"
    )

    linked_field = "physician"


class LocalProcedureTestimonial(LinkRow):
    page = ParentalKey(
        LocalProcedurePage, on_delete=models.CASCADE, related_name="local_testimonials"
    )
    testimonial = models.ForeignKey(
        "people.Testimonial", on_delete=models.CASCADE, related_name="local_procedure_links"
    )

    linked_field = "testimonial"


class ClinicTeam(models.Model):
    """The editors' group of one clinic (a location page) and its own image collection."""

    location = models.OneToOneField(
        "locations.LocationPage", on_delete=models.CASCADE, related_name="clinic_team"
    )
    editors = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="clinic_team")
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("clinic team")

    def __str__(self):
        return str(self.editors)
