"""Images and documents in a collection under a view restriction (a password, a login, some
groups): API v2 reads no credentials, so it leaves them out for everyone, as it leaves out
private pages, and still answers every other image and document."""

import pytest
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from core.factories import ImageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def collections():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Evidence (private)")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    below = private.add_child(name="Below the private one")
    return root, private, below


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_of_restricted_collections_are_left_out_and_the_rest_answered(
    client, collections, endpoint
):
    built = a_site()
    root, private, below = collections
    if endpoint == "images":
        public, hidden, hidden_below = (ImageFactory(collection=c) for c in collections)
    else:
        public, hidden, hidden_below = (
            Document.objects.create(title=f"Document in {c.name}", collection=c)
            for c in collections
        )
    listing = client.get(f"/api/v2/{endpoint}/", {"limit": 50}, headers=built.headers)
    assert listing.status_code == 200, listing.content[:300]
    listed = {item["id"] for item in listing.json()["items"]}
    assert public.pk in listed and not {hidden.pk, hidden_below.pk} & listed
    for item, status in ((public, 200), (hidden, 404), (hidden_below, 404)):
        detail = client.get(f"/api/v2/{endpoint}/{item.pk}/", headers=built.headers)
        assert detail.status_code == status, detail.content[:300]
