"""StreamField blocks shared by every page type; each app picks those that fit it."""

from cms.blocks.clinical import (
    BenefitsListBlock,
    ConditionsTreatedBlock,
    PreparationBlock,
    ProcedureDetailsBlock,
    RecoveryBlock,
    RiskStatementBlock,
)
from cms.blocks.content import (
    FAQBlock,
    HeadingBlock,
    ImageBlock,
    RichTextBlock,
    StatisticBlock,
    VideoBlock,
)
from cms.blocks.directory import LocationListBlock, PhysicianListBlock, ProcedureListBlock
from cms.blocks.promotion import CallToActionBlock, TestimonialsBlock

__all__ = [
    "BenefitsListBlock",
    "CallToActionBlock",
    "ConditionsTreatedBlock",
    "FAQBlock",
    "HeadingBlock",
    "ImageBlock",
    "LocationListBlock",
    "PhysicianListBlock",
    "PreparationBlock",
    "ProcedureDetailsBlock",
    "ProcedureListBlock",
    "RecoveryBlock",
    "RichTextBlock",
    "RiskStatementBlock",
    "StatisticBlock",
    "TestimonialsBlock",
    "VideoBlock",
]
