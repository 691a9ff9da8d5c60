"""Every block of every page type's StreamFields, as the API emits it, matches its schema.

Generated from the page models and their stream blocks: for each StreamField, the
first live demo page of its type gets one more item of every block of the stream
(the block's own preview value, as the admin's block previews use), and its v3
detail is validated against the OpenAPI document's schema of that block.
"""

import pytest
from jsonschema import Draft202012Validator
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from api.block_schemas import BlockSchemas, representation_owner

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def page_stream_fields():
    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in get_page_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    ]


def with_every_block(page, field):
    """The page's stream with a preview of each of its blocks added, saved as its live content."""
    stream_block = field.stream_block
    items = list(getattr(page, field.name).raw_data)
    for name, child in stream_block.child_blocks.items():
        items.append({"type": name, "value": child.get_prep_value(child.get_preview_value())})
    setattr(page, field.name, items)
    page.save()
    return page


def validator_for(document, schema):
    return Draft202012Validator({**schema, "components": document["components"]})


@pytest.mark.parametrize(("model", "field"), page_stream_fields())
def test_each_emitted_block_matches_its_schema(client, model, field):
    page = model.objects.live().first()
    if page is None:
        pytest.fail(f"The demo has no live {model._meta.label}: the test needs one of each.")
    with_every_block(page, field)
    document = client.get("/api/v3/openapi.json").json()
    properties = document["components"]["schemas"][f"{model.__name__}Schema"]["properties"]

    response = client.get(f"/api/v3/pages/{page.pk}/", HTTP_HOST=page.get_site().hostname)
    assert response.status_code == 200
    emitted = response.json()[field.name]

    assert {item["type"] for item in emitted} == set(field.stream_block.child_blocks)
    item_schemas = document["components"]["schemas"][properties[field.name]["$ref"].rsplit("/")[-1]]
    mapping = item_schemas["items"]["discriminator"]["mapping"]
    for item in emitted:
        errors = list(validator_for(document, {"$ref": mapping[item["type"]]}).iter_errors(item))
        assert not errors, (item["type"], [error.message for error in errors])
    assert not list(validator_for(document, properties[field.name]).iter_errors(emitted))


def test_a_block_built_of_wagtail_blocks_gets_its_schema_with_none_written():
    from wagtail import blocks

    class OpeningBlock(blocks.StructBlock):
        title = blocks.CharBlock()
        kind = blocks.ChoiceBlock(choices=[("walk_in", "Walk-in"), ("booked", "Booked")])
        days = blocks.ListBlock(blocks.IntegerBlock())

    class NewStream(blocks.StreamBlock):
        opening = OpeningBlock()

    schemas = BlockSchemas()
    schemas.stream(NewStream())
    value = schemas.schemas["NewStreamOpening"]["properties"]["value"]
    assert value["properties"]["kind"]["enum"] == ["walk_in", "booked"]
    assert value["properties"]["days"]["type"] == "array"
    assert value["properties"]["title"] == {"type": "string"}


def test_a_block_with_its_own_representation_must_declare_its_shape():
    from wagtail import blocks

    class Undeclared(blocks.CharBlock):
        def get_api_representation(self, value, context=None):
            return {"shout": value.upper()}

    with pytest.raises(LookupError, match="REPRESENTATIONS"):
        representation_owner(Undeclared)
