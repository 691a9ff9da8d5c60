"""Fewer bytes per call for partners: compact JSON, gzip for shared answers, readable headers."""

import gzip
import json

import pytest
from django.test import override_settings
from wagtail.models import APIToken

from procedures.factories import ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/"
PARTNER_ORIGIN = "https://referrals.partner.example"


@pytest.fixture
def site():
    built = a_site()
    for number in range(12):
        ProcedurePageFactory(parent=built.procedures, title=f"Procedure number {number}")
    return built


def listing(client, site, **headers):
    return client.get(LISTING, {"fields": "*", "limit": 20}, headers={**site.headers, **headers})


def test_v2_answers_are_compact_unless_the_client_asks_for_indentation(client, site):
    compact = listing(client, site)
    indented = listing(client, site, accept="application/json; indent=2")

    assert b"\n" not in compact.content
    assert indented.content.startswith(b'{\n  "meta"')
    assert compact.json() == indented.json()
    assert len(compact.content) < len(indented.content) * 0.8


def test_shared_answers_are_gzipped_for_clients_that_accept_it(client, site):
    plain = listing(client, site)
    compressed = listing(client, site, accept_encoding="gzip, deflate, br")

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert json.loads(gzip.decompress(compressed.content)) == plain.json()
    assert len(compressed.content) < len(plain.content) / 2
    assert "Content-Encoding" not in plain


def test_a_compressed_answer_still_revalidates(client, site):
    first = listing(client, site, accept_encoding="gzip")

    again = listing(client, site, accept_encoding="gzip", if_none_match=first["ETag"])

    assert again.status_code == 304


@pytest.mark.parametrize("path", [LISTING, "/api/v3/pages/"])
def test_answers_to_a_token_are_never_compressed(client, site, superuser, path):
    """A token's answer may hold drafts; compressing it beside reflected input leaks by length."""
    token = APIToken.create_token(user=superuser, name="partner")[1]

    response = client.get(
        path,
        headers={**site.headers, "authorization": f"Bearer {token}", "accept-encoding": "gzip"},
    )

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "no-store" in response["Cache-Control"]


@override_settings(CORS_ALLOWED_ORIGINS=[PARTNER_ORIGIN])
def test_partner_browser_code_can_read_the_validators_and_the_language(client, site):
    response = listing(client, site, origin=PARTNER_ORIGIN)

    assert response["Access-Control-Allow-Origin"] == PARTNER_ORIGIN
    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "last-modified", "content-language"} <= exposed
