"""StreamField blocks shared by every page type; each app picks those that fit it."""

from core.blocks.clinical import (
    BenefitsListBlock,
    ConditionsTreatedBlock,
    PreparationBlock,
    ProcedureDetailsBlock,
    RecoveryBlock,
    RiskStatementBlock,
)
from core.blocks.content import (
    FAQBlock,
    HeadingBlock,
    ImageBlock,
    RichTextBlock,
    StatisticBlock,
    VideoBlock,
)
from core.blocks.directory import LocationListBlock, PhysicianListBlock, ProcedureListBlock
from core.blocks.promotion import CallToActionBlock, TestimonialsBlock

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
