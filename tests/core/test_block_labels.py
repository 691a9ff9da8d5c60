"""Every field of every block in every StreamField tells editors what it is and what to write.

Generated from the installed models, so a new StreamField or block is covered
without editing this test.
"""

import pytest
from django.apps import apps
from wagtail import blocks
from wagtail.fields import StreamField


def stream_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield f"{model._meta.label}.{field.name}", field.stream_block


def child_blocks(block):
    if isinstance(block, blocks.ListBlock):
        return [("item", block.child_block)]
    return list(getattr(block, "child_blocks", {}).items())


def nested_blocks(block, path):
    """Each block under this one, with its path from the StreamField."""
    for name, child in child_blocks(block):
        child_path = f"{path}.{name}"
        yield child_path, child
        yield from nested_blocks(child, child_path)


def all_nested_blocks():
    return [
        (path, block)
        for field_path, stream_block in stream_fields()
        for path, block in nested_blocks(stream_block, field_path)
    ]


def guidance(block):
    """The help text an editor sees beside the block, or the description in the block picker."""
    if isinstance(block, blocks.FieldBlock):
        return block.field.help_text or getattr(block.meta, "help_text", "")
    return getattr(block.meta, "help_text", "") or block.get_description()


BLOCKS = all_nested_blocks()
PATHS = [path for path, _block in BLOCKS]


def test_the_models_have_stream_fields_to_check():
    assert len(list(stream_fields())) >= 5
    assert len(BLOCKS) > 50


@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=PATHS)
def test_block_has_a_label_of_its_own(path, block):
    """Wagtail makes a label from the field name ("Text*") when none is given."""
    assert block.meta.label, f"{path} has no label"


@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=PATHS)
def test_block_has_help_text(path, block):
    assert str(guidance(block)).strip(), f"{path} has no help text"
