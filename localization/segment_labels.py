"""Segment labels in wagtail-localize's translation editor that name the block and the field.

wagtail-localize 1.14 labels a StreamField segment with the label of the
block's first child only: every string of a list of benefits is "Items", so a
translator cannot tell a benefit's title from its text, nor the second benefit
from the first. wagtail-localize offers no hook for this, so ``install()``
(called from ``LocalizationConfig.ready()``) wraps its
``get_segment_location_info`` and replaces the sub-field label of StreamField
segments with the trail of block labels, numbering list items: "Benefit 2 ›
Benefit title". The segment's help text becomes the field's own help text.

The wrapper checks at start-up that the function still takes the parameters it
relies on, and fails loudly (``ImproperlyConfigured``) when it moves.
"""

import functools
import inspect

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail_localize.views import edit_translation

TARGET_NAME = "get_segment_location_info"
RELIED_ON_PARAMETERS = ("source_instance", "tab_helper", "content_path", "field_path")
SEPARATOR = " › "
# Marks our wrapper so that installing twice wraps once.
MARKER = "__foramen_segment_labels__"


def block_trail(stream_value, path_components):
    """The labels from the stream's child block down to the segment's field, and that field.

    ``path_components`` are the segment's content path after the field name:
    block ids for stream children and list items, child names for struct
    fields. None when the path no longer matches the source's value.
    """
    labels = []
    block, value = None, stream_value
    for component in path_components:
        if block is None or isinstance(block, blocks.StreamBlock):
            child = next((child for child in value if child.id == component), None)
            if child is None:
                return None
            block, value = child.block, child.value
            labels.append(capfirst(block.label))
        elif isinstance(block, blocks.StructBlock):
            if component not in block.child_blocks:
                return None
            block, value = block.child_blocks[component], value.get(component)
            if not isinstance(block, blocks.ListBlock):
                # A list's own label would repeat its items' ("Benefits › Benefit 2").
                labels.append(capfirst(block.label))
        elif isinstance(block, blocks.ListBlock):
            ids = [item.id for item in value.bound_blocks]
            if component not in ids:
                return None
            position = ids.index(component)
            block, value = block.child_block, value.bound_blocks[position].value
            labels.append(f"{capfirst(block.label)} {position + 1}")
        else:
            break
    return labels, block


def field_help_text(block):
    if isinstance(block, blocks.FieldBlock):
        return str(block.field.help_text or "")
    return str(getattr(block.meta, "help_text", "") or "")


def labelled_location(location, source_instance, content_path):
    """The location wagtail-localize computed, with the block trail as its sub-field."""
    field_name, *path_components = content_path.split(".")
    field = source_instance._meta.get_field(field_name)
    if not isinstance(field, StreamField) or len(path_components) < 2:
        return location
    found = block_trail(field.value_from_object(source_instance), path_components)
    if found is None:
        return location
    labels, block = found
    return {
        **location,
        "subField": SEPARATOR.join(str(label) for label in labels[1:]) or None,
        "fieldHelpText": field_help_text(block),
    }


def with_block_labels(get_segment_location_info):
    @functools.wraps(get_segment_location_info)
    def wrapper(source_instance, tab_helper, content_path, field_path, *args, **kwargs):
        location = get_segment_location_info(
            source_instance, tab_helper, content_path, field_path, *args, **kwargs
        )
        return labelled_location(location, source_instance, content_path)

    setattr(wrapper, MARKER, True)
    return wrapper


def install():
    current = getattr(edit_translation, TARGET_NAME, None)
    if getattr(current, MARKER, False):
        return
    if not callable(current):
        raise ImproperlyConfigured(
            f"wagtail_localize.views.edit_translation.{TARGET_NAME} is gone: "
            "localization.segment_labels cannot label translation segments."
        )
    parameters = tuple(inspect.signature(current).parameters)[: len(RELIED_ON_PARAMETERS)]
    if parameters != RELIED_ON_PARAMETERS:
        raise ImproperlyConfigured(
            f"wagtail_localize.views.edit_translation.{TARGET_NAME} takes "
            f"({', '.join(parameters)}, ...); localization.segment_labels relies on "
            f"({', '.join(RELIED_ON_PARAMETERS)}, ...)."
        )
    setattr(edit_translation, TARGET_NAME, with_block_labels(current))
