"""JSON Schemas of StreamField bodies, generated from the block definitions.

A stream is an array of ``{type, value, id}`` items: a union discriminated on
``type``, one schema per child block. A value's schema follows the block's kind
(a StructBlock is an object of its children, a ListBlock an array, a ChoiceBlock
an enum of its choices, text blocks strings), so a new block made of Wagtail's
blocks gets its schema with no JSON Schema written for it.

A block that builds its own API representation (``get_api_representation``
defined outside Wagtail: resolved cards, images, calls to action) declares what
it changes in ``REPRESENTATIONS``, in terms of the named components of
``api.components``; a block whose representation is neither Wagtail's nor
declared is an error here, and ``tests/api/test_block_schemas.py`` renders
every block through the API and validates it against its schema.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from api.components import array_of, nullable, obj, ref
from core.blocks.call_to_action import CallToActionBlock
from core.blocks.choosers import PageCardChooserBlock
from core.blocks.content import ImageBlock, StatisticBlock
from core.blocks.content import RichTextBlock as BodyRichTextBlock
from locations.blocks import LocationListBlock
from people.blocks import PhysicianListBlock, TestimonialsBlock
from procedures.blocks import ConditionsTreatedBlock, ProcedureListBlock

STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
CARDS = array_of(ref("PageCard"))


def with_properties(**properties):
    """A struct block's representation: its children's schemas with these replaced or added."""

    def shape(generated):
        return obj({**generated["properties"], **properties})

    return shape


def replaced_by(schema):
    return lambda generated: schema


#: {the class that defines ``get_api_representation``: generated schema -> emitted schema}.
REPRESENTATIONS = {
    BodyRichTextBlock: replaced_by(STRING),
    PageCardChooserBlock: replaced_by(nullable(ref("PageCard"))),
    CallToActionBlock: replaced_by(nullable(ref("CallToAction"))),
    ImageBlock: with_properties(image=nullable(ref("Image"))),
    StatisticBlock: with_properties(claim=nullable(ref("Claim"))),
    ConditionsTreatedBlock: with_properties(conditions=CARDS, from_page=BOOLEAN),
    ProcedureListBlock: with_properties(procedures=CARDS),
    LocationListBlock: with_properties(locations=CARDS, from_page=BOOLEAN, more_locations=BOOLEAN),
    PhysicianListBlock: with_properties(physicians=array_of(ref("Physician"))),
    TestimonialsBlock: with_properties(testimonials=array_of(ref("Testimonial"))),
}

# Wagtail's field blocks by the JSON their get_prep_value gives, most specific first.
CHOOSER_ID = nullable({"type": "integer", "description": "The chosen object's id."})
FIELD_BLOCKS = (
    (blocks.MultipleChoiceBlock, lambda block: array_of(choice_enum(block))),
    (blocks.ChoiceBlock, lambda block: choice_enum(block)),
    (blocks.BooleanBlock, lambda block: BOOLEAN),
    (blocks.IntegerBlock, lambda block: nullable({"type": "integer"})),
    (blocks.FloatBlock, lambda block: nullable({"type": "number"})),
    (blocks.DecimalBlock, lambda block: nullable({"type": "string"})),
    (blocks.DateBlock, lambda block: nullable({"type": "string", "format": "date"})),
    (blocks.DateTimeBlock, lambda block: nullable({"type": "string", "format": "date-time"})),
    (blocks.TimeBlock, lambda block: nullable(STRING)),
    (blocks.PageChooserBlock, lambda block: CHOOSER_ID),
    (ImageChooserBlock, lambda block: CHOOSER_ID),
    (DocumentChooserBlock, lambda block: CHOOSER_ID),
    (SnippetChooserBlock, lambda block: CHOOSER_ID),
    (blocks.RichTextBlock, lambda block: STRING),
    (blocks.StaticBlock, lambda block: {"type": "null"}),
    (blocks.FieldBlock, lambda block: optional_text(block)),  # Char, Text, URL, Email, ...
)


class BlockSchemas:
    """Collects the named schemas of blocks as streams are described.

    A stream block and a struct block are named after their class (what a partner
    sees in the admin's code); a stream's items after the stream and the child's name.
    """

    def __init__(self):
        self.schemas = {}

    def stream(self, stream_block, fallback_name="Stream"):
        """A ref to the array schema of ``stream_block``'s items, discriminated on ``type``.

        A stream declared inline (Wagtail's own StreamBlock) takes ``fallback_name``.
        """
        name = type(stream_block).__name__
        if type(stream_block).__module__.startswith("wagtail."):
            name = fallback_name
        if name not in self.schemas:
            self.schemas[name] = {}  # reserved: a stream may nest itself
            items = {
                child_name: self.stream_item(name, child_name, child)
                for child_name, child in stream_block.child_blocks.items()
            }
            self.schemas[name] = array_of(
                {
                    "oneOf": list(items.values()),
                    "discriminator": {
                        "propertyName": "type",
                        "mapping": {key: item["$ref"] for key, item in items.items()},
                    },
                }
            )
        return ref(name)

    def stream_item(self, stream_name, child_name, child):
        item_name = stream_name + "".join(part.title() for part in child_name.split("_"))
        self.schemas[item_name] = obj(
            {
                "type": {"type": "string", "const": child_name},
                "value": self.value(child),
                "id": {"type": "string", "format": "uuid"},
            },
            description=str(getattr(child.meta, "description", "") or child.label or child_name),
        )
        return ref(item_name)

    def value(self, block):
        """The schema of what ``block.get_api_representation`` gives."""
        generated = self.generated(block)
        defined_by = representation_owner(type(block))
        if defined_by is None:
            return generated
        return REPRESENTATIONS[defined_by](generated)

    def generated(self, block):
        if isinstance(block, blocks.BaseStreamBlock):
            return self.stream(block)
        if isinstance(block, blocks.ListBlock):
            return array_of(self.value(block.child_block))
        if isinstance(block, blocks.BaseStructBlock):
            return obj({name: self.value(child) for name, child in block.child_blocks.items()})
        for block_class, schema in FIELD_BLOCKS:
            if isinstance(block, block_class):
                return schema(block)
        raise TypeError(f"No JSON Schema for {type(block).__name__}: add it to FIELD_BLOCKS.")


def representation_owner(block_class):
    """Our class that defines ``block_class``'s API representation, or None for Wagtail's."""
    for klass in block_class.__mro__:
        if "get_api_representation" in vars(klass):
            if klass.__module__.startswith("wagtail."):
                return None
            if klass not in REPRESENTATIONS:
                raise LookupError(
                    f"{klass.__module__}.{klass.__qualname__} builds its own API representation: "
                    "declare its shape in api.block_schemas.REPRESENTATIONS."
                )
            return klass
    return None


def optional_text(block):
    """A string; an optional block left out of a struct's stored value gives null."""
    return STRING if block.required else nullable(STRING)


def choice_enum(block):
    values = [str(value) for value, _label in block.field.choices if value != ""]
    if block.required:
        return {"type": "string", "enum": values}
    return nullable({"type": "string", "enum": [*values, ""]})
