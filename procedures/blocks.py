"""Blocks that describe procedures and conditions, and the procedure and condition bodies."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from core import blocks as shared
from core.blocks.choosers import PageCardChooserBlock
from core.blocks.content import RichTextBlock
from core.blocks.outline import OutlinedStreamBlock
from locations.blocks import LocationListBlock
from people.blocks import PhysicianListBlock, TestimonialsBlock
from serialization import registry
from serialization.content_scope import ContentScope
from serialization.representation import page_cards


class BenefitBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=80,
        label=_("Benefit title"),
        help_text=_("Two or three words, e.g. Short recovery."),
    )
    text = blocks.TextBlock(
        label=_("Benefit text"),
        help_text=_("One sentence that explains the title to a patient."),
    )

    class Meta:
        icon = "tick"
        label = _("Benefit")
        help_text = _("A short title and one sentence.")


class BenefitsListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("e.g. Benefits of Lumbar Foraminotomy"),
    )
    items = blocks.ListBlock(
        BenefitBlock(),
        min_num=1,
        label=_("Benefits"),
        help_text=_("Three to five benefits read best; the most important first."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/benefits_list.html"
        label = _("Benefits")
        description = _("A heading and a list of benefits, each a short title and a sentence.")
        preview_value = {
            "heading": "Benefits of Lumbar Foraminotomy",
            "items": [
                {"title": "Relief", "text": "Pain and numbness are relieved after surgery."},
                {"title": "Outpatient", "text": "Usually performed as an outpatient procedure."},
            ],
        }


class ConditionsTreatedBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("e.g. What Lumbar Foraminotomy Treats"),
    )
    intro = RichTextBlock(
        required=False,
        label=_("Introduction"),
        help_text=_("Optional; a sentence or two before the list."),
    )
    conditions = blocks.ListBlock(
        PageCardChooserBlock(
            page_type="procedures.ConditionPage",
            label=_("Condition"),
            help_text=_("A condition page of this site."),
        ),
        min_num=0,
        label=_("Conditions"),
        help_text=_(
            "On a procedure page, leave empty to list the conditions chosen in its "
            "Conditions treated field (the usual case); choose here only to show others."
        ),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/conditions_treated.html"
        label = _("Conditions treated")
        description = _(
            "Links to condition pages. On a procedure page, its Conditions treated field "
            "says what it treats; this block shows that list where you place it."
        )
        preview_value = {"heading": "What Lumbar Foraminotomy Treats", "conditions": []}

    def resolve(self, value, context):
        """The conditions to show, and whether they are the page's own (an empty choice).

        The site and the API both ask this, so that they list the same conditions,
        as the page's site and language show them.
        """
        scope = ContentScope.of_context(context)
        chosen = scope.pages(value["conditions"])
        if chosen:
            return chosen, False
        own = registry.related((context or {}).get("page"), "conditions")
        return list(own or ()), True

    def get_api_representation(self, value, context=None):
        conditions, from_page = self.resolve(value, context)
        return {
            "heading": value["heading"],
            "intro": self.child_blocks["intro"].get_api_representation(value["intro"], context),
            "conditions": page_cards(conditions, ContentScope.of_context(context)),
            "from_page": from_page,
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["conditions"], _from_page = self.resolve(value, parent_context)
        return context


class ProcedureDetailsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("e.g. Details of the Lumbar Foraminotomy"),
    )
    text = RichTextBlock(
        label=_("Details"),
        help_text=_("How the procedure is performed, in words a patient understands."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/procedure_details.html"
        label = _("Procedure details")
        description = _("How the procedure is performed.")
        preview_value = {
            "heading": "Details of the Lumbar Foraminotomy",
            "text": RichText("<p>The procedure is performed through a small incision.</p>"),
        }


class PreparationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("e.g. Preparing for the Lumbar Foraminotomy"),
    )
    text = RichTextBlock(
        label=_("Preparation"),
        help_text=_("What to try first and what to arrange before the day."),
    )
    checklist = blocks.ListBlock(
        blocks.CharBlock(
            max_length=200,
            label=_("Checklist item"),
            help_text=_("One thing to bring or do, e.g. Bring your latest MRI report."),
        ),
        min_num=0,
        label=_("Checklist"),
        help_text=_("Optional; shown as a list a patient can tick off."),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/preparation.html"
        label = _("Preparation")
        description = _("What a patient should do or try before the procedure.")
        preview_value = {
            "heading": "Preparing for the Lumbar Foraminotomy",
            "text": RichText("<p>Patients should first try conservative methods.</p>"),
            "checklist": ["Bring your latest MRI or CT report"],
        }


class RecoveryStepBlock(blocks.StructBlock):
    when = blocks.CharBlock(max_length=60, label=_("When"), help_text=_("e.g. First week"))
    what_to_expect = blocks.TextBlock(
        label=_("What to expect"),
        help_text=_("What patients usually feel and may do at this point."),
    )

    class Meta:
        icon = "time"
        label = _("Recovery step")
        help_text = _("A point in time and what to expect then.")


class RecoveryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("e.g. Lumbar Foraminotomy Recovery"),
    )
    intro = RichTextBlock(
        label=_("Introduction"),
        help_text=_("What recovery looks like overall."),
    )
    timeline = blocks.ListBlock(
        RecoveryStepBlock(),
        min_num=0,
        label=_("Timeline"),
        help_text=_("Optional; steps in the order a patient lives them."),
    )
    return_to_activity = blocks.TextBlock(
        required=False,
        label=_("Return to activity"),
        help_text=_("When patients usually return to work and exercise."),
    )

    class Meta:
        icon = "time"
        template = "blocks/recovery.html"
        label = _("Recovery")
        description = _("What recovery looks like, as an introduction and a timeline.")
        preview_value = {
            "heading": "Lumbar Foraminotomy Recovery",
            "intro": RichText("<p>This procedure is typically performed as an outpatient.</p>"),
            "timeline": [{"when": "Same day", "what_to_expect": "Most patients go home."}],
            "return_to_activity": "Most patients return to regular activities within weeks.",
        }


class RiskStatementBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("e.g. Risks of Lumbar Foraminotomy"),
    )
    text = RichTextBlock(
        label=_("Risks"),
        help_text=_(
            "The reviewed wording of risks and complications; a translation must be "
            "reviewed before it is published."
        ),
    )

    class Meta:
        icon = "warning"
        template = "blocks/risk_statement.html"
        label = _("Risks")
        description = _("The procedure's risks and possible complications, as reviewed.")
        # Regulated text (localization.regulated): never published untranslated.
        regulated = True
        preview_value = {
            "heading": "Risks of Lumbar Foraminotomy",
            "text": RichText("<p>As with any surgery, there is a small risk of infection.</p>"),
        }


class ProcedureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, label=_("Heading"), help_text=_("e.g. Featured procedures")
    )
    procedures = blocks.ListBlock(
        PageCardChooserBlock(
            page_type="procedures.ProcedurePage",
            label=_("Procedure"),
            help_text=_("A procedure page of this site."),
        ),
        min_num=1,
        label=_("Procedures"),
        help_text=_("Shown as cards in this order."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/procedure_list.html"
        label = _("Procedure list")
        description = _("Cards linking to chosen procedures.")

    def get_preview_value(self):
        procedures = apps.get_model("procedures", "ProcedurePage").objects.live()
        return self.to_python(
            {
                "heading": "Featured procedures",
                "procedures": list(procedures.values_list("pk", flat=True)[:3]),
            }
        )

    def resolve(self, value, context):
        return ContentScope.of_context(context).pages(value["procedures"])

    def get_api_representation(self, value, context=None):
        scope = ContentScope.of_context(context)
        return {
            "heading": value["heading"],
            "procedures": page_cards(self.resolve(value, context), scope),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["procedures"] = self.resolve(value, parent_context)
        return context


class ProcedureBodyBlock(OutlinedStreamBlock):
    benefits = BenefitsListBlock(group=_("Procedure"))
    conditions_treated = ConditionsTreatedBlock(group=_("Procedure"))
    procedure_details = ProcedureDetailsBlock(group=_("Procedure"))
    preparation = PreparationBlock(group=_("Procedure"))
    recovery = RecoveryBlock(group=_("Procedure"))
    risks = RiskStatementBlock(group=_("Procedure"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = TestimonialsBlock(group=_("Promotion"))
    locations = LocationListBlock(group=_("Directory"))
    physicians = PhysicianListBlock(group=_("Directory"))
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))


class ConditionBodyBlock(OutlinedStreamBlock):
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = TestimonialsBlock(group=_("Promotion"))
    locations = LocationListBlock(group=_("Directory"))
