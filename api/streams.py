"""StreamField bodies in both API versions, resolved with the page they belong to.

Blocks that show a page's own related pages when an editor chose none (the
conditions a procedure treats, the locations that offer it) read the page
from their context, as they do on the site, so that a block says the same
thing in HTML and in JSON.
"""

from wagtail.api.v2.serializers import StreamField as WagtailStreamField
from wagtail.models import Page


def with_page(context, obj):
    return {**(context or {}), "page": obj} if isinstance(obj, Page) else context


class PageStreamField(WagtailStreamField):
    """The v2 serializer field for StreamField."""

    def get_attribute(self, instance):
        return instance, super().get_attribute(instance)

    def to_representation(self, value):
        obj, stream = value
        return stream.stream_block.get_api_representation(stream, with_page(self.context, obj))


def v3_streamfield_schema(generator, field):
    """The v3 read schema for StreamField, replacing Wagtail's registration."""
    from wagtail.api.v3.schemas.generators.read import streamfield_schema

    annotation, default, _wagtail_resolve = streamfield_schema(generator, field)
    field_name = field.name

    def resolve(obj, context):
        stream = getattr(obj, field_name)
        return stream.stream_block.get_api_representation(stream, with_page(context, obj))

    return annotation, default, staticmethod(resolve)


def register_v3_streamfield_schema():
    from wagtail.api.v3.schemas.generators.read import read_generator
    from wagtail.fields import StreamField

    read_generator.register_field_schema(StreamField, v3_streamfield_schema)
