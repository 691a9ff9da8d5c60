from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import blocks as shared


class LocationBodyBlock(blocks.StreamBlock):
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = shared.TestimonialsBlock(group=_("Promotion"))
    physicians = shared.PhysicianListBlock(group=_("Directory"))
