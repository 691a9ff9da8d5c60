"""The sync feed gives a partner key its scope only, as the page listings do: the key's
sites, languages and page types; other pages are never upserted to it."""

import pytest
from wagtail.models import Page

from tests.partners.conftest import bearer
from tests.partners.test_scope import in_scope, scene  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def synced_ids(client, headers, **extra):
    answer = client.get(
        "/api/v2/sync/", {"initial": "true", "limit": 500}, headers=headers, **extra
    )
    assert answer.status_code == 200, answer.content
    assert not answer.json()["has_more"]
    return {item["id"] for item in answer.json()["items"] if not item["deleted"]}


def test_a_keyed_sync_holds_the_keys_scope_only(client, scene):  # noqa: F811
    inside, outside, value = scene
    expected = {page.pk for page in Page.objects.live() if in_scope(page, inside)}
    keyed = synced_ids(client, inside.headers, **bearer(value))
    assert keyed == expected


def test_an_anonymous_sync_still_gets_the_sites_public_pages(client, scene):  # noqa: F811
    inside, outside, _value = scene
    anonymous = synced_ids(client, inside.headers)
    in_key_scope = {page.pk for page in Page.objects.live() if in_scope(page, inside)}
    assert in_key_scope < anonymous
    spanish = Page.objects.live().filter(locale__language_code="es")
    assert set(spanish.values_list("pk", flat=True)) & anonymous
    assert not anonymous & {page.pk for page in outside.home.get_descendants(inclusive=True)}
