from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import blocks as shared


class ProcedureBodyBlock(blocks.StreamBlock):
    benefits = shared.BenefitsListBlock(group=_("Procedure"))
    conditions_treated = shared.ConditionsTreatedBlock(group=_("Procedure"))
    procedure_details = shared.ProcedureDetailsBlock(group=_("Procedure"))
    preparation = shared.PreparationBlock(group=_("Procedure"))
    recovery = shared.RecoveryBlock(group=_("Procedure"))
    risks = shared.RiskStatementBlock(group=_("Procedure"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = shared.TestimonialsBlock(group=_("Promotion"))
    locations = shared.LocationListBlock(group=_("Directory"))
    physicians = shared.PhysicianListBlock(group=_("Directory"))
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))


class ConditionBodyBlock(blocks.StreamBlock):
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = shared.TestimonialsBlock(group=_("Promotion"))
    locations = shared.LocationListBlock(group=_("Directory"))
