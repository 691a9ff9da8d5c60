"""Snippet writes through API v3 refuse fields their type does not take, as page writes do;
Wagtail's default Editors group adds and changes shared images and documents, never deletes."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection
from wagtail.snippets.api.v3.router import enabled_models
from wagtail_factories import DocumentFactory

from core.factories import ImageFactory, PhoneCallToActionFactory
from core.models import CallToAction
from tests.api.helpers import send_json as send

pytestmark = pytest.mark.django_db

UNKNOWN = {"headlin": "A typo", "colour": "teal"}


@pytest.mark.parametrize("model", enabled_models, ids=lambda model: model._meta.label)
@pytest.mark.parametrize(("method", "address"), [("POST", "{type}/"), ("PATCH", "{type}/1/")])
def test_every_snippet_write_names_the_fields_its_type_does_not_take(
    client, token_for, model, method, address
):
    token = token_for("integrator", superuser=True)
    url = "/api/v3/snippets/" + address.format(type=model._meta.label)
    response = send(client, method, url, token, {"meta": {}, **UNKNOWN})
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    for field in UNKNOWN:
        assert f"{field}: not a writable field of {model._meta.label}" in body["detail"]
    assert sorted(error["loc"][-1] for error in body["errors"]) == sorted(UNKNOWN)


def test_a_snippet_patch_with_an_unknown_field_changes_nothing(client, token_for):
    token = token_for("integrator", superuser=True)
    call = PhoneCallToActionFactory(heading="Call us")
    url = f"/api/v3/snippets/{CallToAction._meta.label}/{call.pk}/"
    response = send(client, "PATCH", url, token, {"heading": "Call today", "link_page": 3})
    assert response.status_code == 400
    assert response.json()["detail"] == "link_page: write it as link_page_id"
    call.refresh_from_db()
    assert call.heading == "Call us"
    assert send(client, "PATCH", url, token, {"heading": "Call today"}).status_code == 200


MEDIA = [(ImageFactory, "images"), (DocumentFactory, "documents")]


def shared(factory, **fields):
    """An image or document in the root collection, which every site and clinic shares
    (the factories would make a collection of their own)."""
    return factory(collection=Collection.get_first_root_node(), **fields)


def bearer(token):
    return {"authorization": f"Bearer {token}"}


@pytest.mark.parametrize(("factory", "path"), MEDIA)
def test_an_editor_cannot_delete_media_others_uploaded(client, token_for, factory, path):
    token = token_for("editor", groups=[Group.objects.get(name="Editors")])
    item = shared(factory)
    response = client.delete(f"/api/v3/{path}/{item.pk}/", headers=bearer(token))
    assert response.status_code == 403, response.content[:300]
    assert type(item).objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(("factory", "path"), MEDIA)
def test_an_editor_deletes_their_own_uploads(client, token_for, django_user_model, factory, path):
    token = token_for("editor", groups=[Group.objects.get(name="Editors")])
    item = shared(factory, uploaded_by_user=django_user_model.objects.get(username="editor"))
    response = client.delete(f"/api/v3/{path}/{item.pk}/", headers=bearer(token))
    assert response.status_code == 204, response.content[:300]
    assert not type(item).objects.filter(pk=item.pk).exists()


def test_an_editor_changes_their_own_image(client, token_for, django_user_model):
    token = token_for("editor", groups=[Group.objects.get(name="Editors")])
    image = shared(ImageFactory, uploaded_by_user=django_user_model.objects.get(username="editor"))
    response = send(client, "PATCH", f"/api/v3/images/{image.pk}/", token, {"title": "Spine"})
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(("factory", "path"), MEDIA)
def test_a_moderator_still_deletes_any_media(client, token_for, factory, path):
    token = token_for("moderator", groups=[Group.objects.get(name="Moderators")])
    item = shared(factory)
    assert client.delete(f"/api/v3/{path}/{item.pk}/", headers=bearer(token)).status_code == 204
