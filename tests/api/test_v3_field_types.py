"""API v3 writes refuse (422) a number or true/false field written as another JSON type.

pydantic would save ``true`` as 1 in an image's focal point, ``1`` as true in a page's
``show_in_menus`` and ``"12"`` as the id 12; the cases come from Wagtail's registry of
write schemas, so a type or field added later is covered too.
"""

import pytest
from wagtail.api.v3.registry import registry
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.snippets.models import get_snippet_models
from wagtail_factories import DocumentFactory

from api.compat import json_scalar_type
from core.factories import ImageFactory
from tests.api.helpers import send_json as send

pytestmark = pytest.mark.django_db

#: A value of the wrong JSON type for each kind of field.
WRONG_VALUE = {"an integer": True, "a number": "12", "true or false": 1}
MEDIA_PATHS = {"wagtailimages.Image": "images", "wagtaildocs.Document": "documents"}


def typed_fields(schema):
    return {
        field.alias or name: json_scalar_type(field.annotation)
        for name, field in schema.model_fields.items()
        if json_scalar_type(field.annotation)
    }


def write_cases():
    for registration in registry._registry.values():
        schema = registration.create_schema or registration.patch_schema
        fields = typed_fields(schema) if schema is not None else {}
        if fields:
            yield pytest.param(registration.name, fields, id=registration.name)


def write_url(label):
    if label in MEDIA_PATHS:
        factory = ImageFactory if label == "wagtailimages.Image" else DocumentFactory
        item = factory(collection=Collection.get_first_root_node())
        return "PATCH", f"/api/v3/{MEDIA_PATHS[label]}/{item.pk}/"
    if label in {model._meta.label for model in get_snippet_models()}:
        return "POST", f"/api/v3/snippets/{label}/"
    return "POST", "/api/v3/pages/"


@pytest.mark.parametrize(("label", "fields"), list(write_cases()))
def test_every_write_names_the_fields_of_the_wrong_json_type(client, token_for, label, fields):
    token = token_for("integrator", superuser=True)
    method, url = write_url(label)
    body = {key: WRONG_VALUE[kind] for key, kind in fields.items()}
    if url == "/api/v3/pages/":
        body["meta"] = {"type": label}
    response = send(client, method, url, token, body)
    assert response.status_code == 422, response.content[:300]
    answer = response.json()
    for key, kind in fields.items():
        assert f"{key}: must be {kind}" in answer["detail"]
    assert sorted(error["loc"][-1] for error in answer["errors"]) == sorted(fields)


def test_a_boolean_focal_point_changes_nothing(client, token_for):
    token = token_for("integrator", superuser=True)
    image = ImageFactory(collection=Collection.get_first_root_node(), title="Spine")
    url = f"/api/v3/images/{image.pk}/"
    response = send(client, "PATCH", url, token, {"title": "Neck", "focal_point_y": True})
    assert response.status_code == 422
    image = get_image_model().objects.get(pk=image.pk)
    assert (image.title, image.focal_point_y) == ("Spine", None)


def test_numbers_and_null_are_still_written(client, token_for):
    token = token_for("integrator", superuser=True)
    image = ImageFactory(collection=Collection.get_first_root_node())
    url = f"/api/v3/images/{image.pk}/"
    response = send(
        client,
        "PATCH",
        url,
        token,
        {
            "focal_point_x": 10,
            "focal_point_y": 12,
            "focal_point_width": 4,
            "focal_point_height": None,
        },
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["focal_point_y"] == 12


@pytest.mark.parametrize(
    ("factory", "path"), [(ImageFactory, "images"), (DocumentFactory, "documents")]
)
def test_an_image_or_document_update_names_a_field_it_does_not_take(
    client, token_for, factory, path
):
    token = token_for("integrator", superuser=True)
    item = factory(collection=Collection.get_first_root_node(), title="Spine")
    url = f"/api/v3/{path}/{item.pk}/"
    response = send(client, "PATCH", url, token, {"title": "Neck", "alt_text": "A spine"})
    assert response.status_code == 400, response.content[:300]
    assert response.json()["errors"] == [
        {
            "loc": ["body", "alt_text"],
            "msg": f"alt_text: not a writable field of {type(item)._meta.label}",
        }
    ]
    item.refresh_from_db()
    assert item.title == "Spine"
