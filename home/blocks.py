from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import blocks as shared
from core.models import CallToAction
from locations.blocks import LocationListBlock
from people.blocks import PhysicianListBlock, TestimonialsBlock
from procedures.blocks import ConditionsTreatedBlock, ProcedureListBlock


class CallToActionBandBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Optional, e.g. How can we help?"),
    )
    calls_to_action = blocks.ListBlock(
        shared.CallToActionBlock(),
        min_num=1,
        max_num=4,
        label=_("Calls to action"),
        help_text=_("One to four, shown side by side in this order."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_band.html"
        label = _("Call to action band")
        description = _("Up to four calls to action side by side.")

    def get_preview_value(self):
        calls_to_action = CallToAction.objects.all()[:4]
        return self.to_python(
            {
                "heading": "How can we help?",
                "calls_to_action": [{"call_to_action": cta.pk} for cta in calls_to_action],
            }
        )


class HomeBodyBlock(blocks.StreamBlock):
    featured_procedures = ProcedureListBlock(group=_("Directory"))
    conditions = ConditionsTreatedBlock(label=_("Conditions"), group=_("Directory"))
    locations = LocationListBlock(group=_("Directory"))
    physicians = PhysicianListBlock(group=_("Directory"))
    testimonials = TestimonialsBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    call_to_action_band = CallToActionBandBlock(group=_("Promotion"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))
