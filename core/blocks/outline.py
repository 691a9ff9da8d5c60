"""Page bodies that start from an outline whose guidance text never publishes.

An outline (a site's setting, see ``outlines``) fills a new page's body with blocks
whose text is guidance for the editor, marked by ``PLACEHOLDER_MARK``. A draft may
keep it; publishing refuses it, naming each block that still holds it: here, in the
body block's ``clean`` (the admin and API v3 create and edit forms), and in the
publish action (``core.wagtail_hooks``) for API v3's publish of a saved draft.
"""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.rich_text import RichText

#: Every placeholder starts with this; editors see it as "[Replace: what to write here]".
PLACEHOLDER_MARK = "[Replace:"


def placeholder(guidance):
    """Guidance text for an outline, recognised as a placeholder until replaced."""
    return f"{PLACEHOLDER_MARK} {guidance}]"


def holds_placeholder(value):
    if isinstance(value, RichText):
        value = strip_tags(value.source)
    return isinstance(value, str) and PLACEHOLDER_MARK in value


def placeholder_message(where):
    return _("%(where)s still holds the outline's guidance: replace it before publishing.") % {
        "where": where
    }


def _child_label(block, name):
    return capfirst(block.label or name)


def _walk(block, value, where):
    """``(errors shaped as the block's own, or None, [places holding a placeholder])``."""
    if isinstance(block, blocks.StructBlock):
        errors, places = {}, []
        for name, child in block.child_blocks.items():
            # A list's items name themselves ("Benefit 2"), so the list adds no label.
            child_where = (
                where
                if isinstance(child, blocks.ListBlock)
                else f"{where} › {_child_label(child, name)}"
            )
            error, found = _walk(child, value.get(name), child_where)
            if error is not None:
                errors[name], places = error, places + found
        return (StructBlockValidationError(block_errors=errors) if errors else None), places
    if isinstance(block, blocks.ListBlock):
        errors, places = {}, []
        for index, item in enumerate(value.bound_blocks if value is not None else ()):
            item_where = f"{where} › {_child_label(block.child_block, '')} {index + 1}"
            error, found = _walk(block.child_block, item.value, item_where)
            if error is not None:
                errors[index], places = error, places + found
        return (ListBlockValidationError(block_errors=errors) if errors else None), places
    if isinstance(block, blocks.StreamBlock):
        errors = placeholder_errors(value or (), where)
        places = [place for _error, found in errors.values() for place in found]
        block_errors = {index: error for index, (error, _found) in errors.items()}
        return (StreamBlockValidationError(block_errors=block_errors) if errors else None), places
    if holds_placeholder(value):
        return ValidationError(placeholder_message(where)), [where]
    return None, []


def placeholder_errors(stream_value, where=""):
    """``{index: (error, places)}`` for the children of a stream that hold a placeholder."""
    found = {}
    for index, child in enumerate(stream_value):
        label = _child_label(child.block, child.block.name)
        error, places = _walk(child.block, child.value, f"{where} › {label}" if where else label)
        if error is not None:
            found[index] = (error, places)
    return found


def placeholders_in(instance):
    """Where the instance's outlined bodies still hold a placeholder, e.g.
    ["Body › Benefits › Benefit 1 › Benefit title"]."""
    places = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField) and isinstance(field.stream_block, OutlinedStreamBlock):
            stream = getattr(instance, field.attname) or ()
            for _error, found in placeholder_errors(stream, capfirst(field.verbose_name)).values():
                places += found
    return places


class OutlinedStreamBlock(blocks.StreamBlock):
    """A page body that may start from an outline: its placeholders never publish.

    With ``outline=True`` the block holds an outline itself (a site's setting): its
    placeholders are the point, and it is saved with the choosers still empty, as a
    draft would be.
    """

    class Meta:
        outline = False

    def clean(self, value):
        if self.meta.outline and not self.is_deferred_validation:
            return self.clean_deferred(value)
        refused = {}
        if not (self.meta.outline or self.is_deferred_validation):
            refused = {index: error for index, (error, _p) in placeholder_errors(value).items()}
        try:
            cleaned = super().clean(value)
        except StreamBlockValidationError as error:
            raise StreamBlockValidationError(
                block_errors={**refused, **error.block_errors},
                non_block_errors=error.non_block_errors,
            ) from error
        if refused:
            raise StreamBlockValidationError(block_errors=refused)
        return cleaned
