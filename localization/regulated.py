"""Regulated text: wording that law or policy fixes (testimonial disclosures, consent wording,
risk statements), which a translation may never show in the source language.

A model names its regulated fields in ``regulated_fields``; a block is regulated when its
``Meta`` says ``regulated = True``. Ordinary segments of a translation fall back to the source
text while they are untranslated; publishing a translation with an untranslated regulated
segment is refused (``localization.wagtail_hooks`` and ``RegulatedTextMixin.clean``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail_localize.models import RelatedObjectSegment, StringSegment, Translation
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue


@dataclass(frozen=True)
class RegulatedSegment:
    label: str
    source_text: str

    def __str__(self):
        excerpt = self.source_text if len(self.source_text) <= 60 else self.source_text[:57] + "…"
        return f"{self.label} (“{excerpt}”)"


def active_translation(instance):
    """The wagtail-localize translation that produced ``instance`` in its locale, or None."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def regulated_paths(instance):
    """Content paths (as wagtail-localize names segments) of the instance's regulated text,
    mapped to a label an editor recognises."""
    paths = {}
    for name in getattr(instance, "regulated_fields", ()):
        paths[name] = capfirst(instance._meta.get_field(name).verbose_name)
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            field_label = capfirst(field.verbose_name)
            for child in getattr(instance, field.attname) or []:
                _collect_blocks(
                    child.block, child.value, f"{field.name}.{child.id}", field_label, paths
                )
    return paths


def _collect_blocks(block, value, path, parent_label, paths):
    label = f"{parent_label} › {capfirst(block.label)}"
    if getattr(block.meta, "regulated", False):
        paths[path] = label
        return
    if value is None:
        return
    if isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _collect_blocks(child_block, value.get(name), f"{path}.{name}", label, paths)
    elif isinstance(block, blocks.ListBlock):
        for item in value.bound_blocks:
            _collect_blocks(block.child_block, item.value, f"{path}.{item.id}", label, paths)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _collect_blocks(child.block, child.value, f"{path}.{child.id}", label, paths)


def _label_for(path, paths):
    for prefix, label in paths.items():
        if path == prefix or path.startswith(prefix + "."):
            return label
    return None


def untranslated_in_translation(translation):
    """Regulated segments of a wagtail-localize translation that have no translated string."""
    paths = regulated_paths(translation.source.as_instance())
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .select_related("context", "string")
        .order_by("order")
    )
    untranslated = [
        RegulatedSegment(label, segment.string.data)
        for segment in segments
        if segment.translation is None
        and (label := _label_for(segment.context.path, paths)) is not None
    ]
    return untranslated + _untranslated_related_objects(translation)


def _untranslated_related_objects(translation):
    """Chosen snippets with regulated text (e.g. testimonials) not yet in the target language:
    the translation would keep showing the source-language snippet."""
    missing = []
    related = RelatedObjectSegment.objects.filter(source=translation.source).select_related(
        "object__content_type"
    )
    for segment in related:
        model = segment.object.content_type.model_class()
        if not getattr(model, "regulated_fields", ()):
            continue
        if not segment.object.has_translation(translation.target_locale):
            instance = segment.object.get_instance(translation.source.locale)
            missing.append(RegulatedSegment(capfirst(model._meta.verbose_name), str(instance)))
    return missing


def _regulated_strings(instance):
    paths = regulated_paths(instance)
    return {
        (segment.path, segment.string.data): _label_for(segment.path, paths)
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue) and _label_for(segment.path, paths)
    }


def untranslated_regulated_segments(instance):
    """Regulated text of ``instance`` (in a non-default language) still in the source language.

    A translation managed by wagtail-localize is judged by its string translations; any other
    translation (e.g. a copy made through the API) by regulated text equal to the source's.
    """
    default_locale = Locale.get_default()
    if instance.pk is None or instance.locale_id in (None, default_locale.pk):
        return []
    translation = active_translation(instance)
    if translation is not None:
        return untranslated_in_translation(translation)
    source = instance.get_translation_or_none(default_locale)
    if source is None:
        return []
    source_strings = _regulated_strings(source)
    return [
        RegulatedSegment(label, text)
        for (path, text), label in _regulated_strings(instance).items()
        if (path, text) in source_strings
    ]


def refusal_message(segments, locale):
    return _(
        "Not published: regulated text must be translated into %(language)s first: %(segments)s."
    ) % {
        "language": locale.get_display_name(),
        "segments": "; ".join(str(segment) for segment in segments),
    }


class RegulatedTextMixin:
    """Refuses to make a translation live while its regulated text is untranslated."""

    #: Names of fields whose text is regulated.
    regulated_fields = ()

    def clean(self):
        super().clean()
        if not getattr(self, "live", True):
            return
        segments = untranslated_regulated_segments(self)
        if segments:
            # A field key, because wagtail-localize reads validation errors by field.
            raise ValidationError({"locale": refusal_message(segments, self.locale)})
