"""Rich text for both API versions: display HTML whose internal links are absolute URLs.

Wagtail's own "html" format resolves links to site-relative paths, which a
partner site on another host cannot follow; other formats pass through.
"""

from rest_framework import serializers

from serialization.representation import serialize_rich_text


class RichTextHTMLSerializer(serializers.CharField):
    """The v2 serializer field for RichTextField."""

    def to_representation(self, value):
        request = self.context.get("request")
        return serialize_rich_text(value, request.GET.get("rich_text_format") if request else None)


def v3_rich_text_schema(generator, field):
    """The v3 read schema for RichTextField, replacing Wagtail's registration."""
    from wagtail.api.v3.schemas.generators.read import rich_text_schema

    annotation, default, _wagtail_resolve = rich_text_schema(generator, field)
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        if value is None:
            return None
        request = context.get("request")
        return serialize_rich_text(value, request.GET.get("rich_text_format") if request else None)

    return annotation, default, staticmethod(resolve)


def register_v3_rich_text_schema():
    from wagtail.api.v3.schemas.generators.read import read_generator
    from wagtail.fields import RichTextField

    read_generator.register_field_schema(RichTextField, v3_rich_text_schema)
