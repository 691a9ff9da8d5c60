"""Generic StreamField blocks that every content app may use; each app owns its own blocks."""

from core.blocks.call_to_action import CallToActionBlock
from core.blocks.content import (
    FAQBlock,
    HeadingBlock,
    ImageBlock,
    RichTextBlock,
    StatisticBlock,
    VideoBlock,
)

__all__ = [
    "CallToActionBlock",
    "FAQBlock",
    "HeadingBlock",
    "ImageBlock",
    "RichTextBlock",
    "StatisticBlock",
    "VideoBlock",
]
