"""The sitemap lists every language's pages, each with its translations as alternates."""

import pytest
from defusedxml import ElementTree

from tests.localization.helpers import start_translation

pytestmark = pytest.mark.demo_content

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_every_language_is_listed_with_alternates(client, db):
    entries = sitemap_entries(client)
    english = "http://testserver/procedures/lumbar-foraminotomy/"
    spanish = "http://testserver/es/procedimientos/foraminotomia-lumbar/"
    assert entries[english] == entries[spanish] == {"en": english, "es": spanish}
    assert entries["http://testserver/es/"] == {
        "en": "http://testserver/",
        "es": "http://testserver/es/",
    }


def test_untranslated_pages_are_listed_without_alternates(client, db):
    entries = sitemap_entries(client)
    assert entries["http://testserver/procedures/microdiscectomy/"] == {}


def test_drafts_are_not_listed(client, new_procedure, spanish):
    translation = start_translation(new_procedure, spanish)
    translation.save_target(publish=False)
    entries = sitemap_entries(client)
    assert "http://testserver/procedures/endoscopic-rhizotomy/" in entries
    assert entries["http://testserver/procedures/endoscopic-rhizotomy/"] == {}
    assert not any("endoscopic-rhizotomy" in loc for loc in entries if "/es/" in loc)
