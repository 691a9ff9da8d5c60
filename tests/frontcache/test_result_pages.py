"""Answers to a visitor's query are kept briefly: no purge names them.

Varnish keeps an answer without Cache-Control for an hour, so the site search
once showed an unpublished condition for that long.
"""

import pytest
from django.test import Client

from tests.builders import a_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(headers=a_site().headers)


@pytest.mark.parametrize(
    "path",
    ["/search/?q=spine", "/search/suggest/?q=spi", "/locations/?near=75201"],
)
def test_result_pages_are_public_for_a_minute(client, path):
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "public, max-age=60"


def test_the_locations_index_itself_stays_kept_until_purged(client):
    assert "Cache-Control" not in client.get("/locations/")
