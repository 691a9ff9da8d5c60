"""The sitemap lists every language's pages, each with its translations as alternates."""

import pytest
from defusedxml import ElementTree

from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, spanish
from tests.localization.builders_sites import (
    a_new_procedure,
    lumbar_foraminotomy,
    lumbar_foraminotomy_in_spanish,
)
from tests.localization.helpers import start_translation

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def site():
    """An English site in Spanish too, with one procedure translated and one not."""
    built = a_site()
    built.in_spanish()
    lumbar_foraminotomy_in_spanish(lumbar_foraminotomy(built))
    ProcedurePageFactory(parent=built.procedures, title="Microdiscectomy", slug="microdiscectomy")
    return built


def sitemap_entries(client, site):
    response = client.get("/sitemap.xml", headers=site.headers)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_every_language_is_listed_with_alternates(client, site):
    entries = sitemap_entries(client, site)
    english = f"http://{site.host}/procedures/lumbar-foraminotomy/"
    spanish = f"http://{site.host}/es/procedimientos/foraminotomia-lumbar/"
    assert entries[english] == entries[spanish] == {"en": english, "es": spanish}
    assert entries[f"http://{site.host}/es/"] == {
        "en": f"http://{site.host}/",
        "es": f"http://{site.host}/es/",
    }


def test_untranslated_pages_are_listed_without_alternates(client, site):
    entries = sitemap_entries(client, site)
    assert entries[f"http://{site.host}/procedures/microdiscectomy/"] == {}


def test_drafts_are_not_listed(client, site):
    translation = start_translation(a_new_procedure(site), spanish())
    translation.save_target(publish=False)
    entries = sitemap_entries(client, site)
    assert f"http://{site.host}/procedures/endoscopic-rhizotomy/" in entries
    assert entries[f"http://{site.host}/procedures/endoscopic-rhizotomy/"] == {}
    assert not any("endoscopic-rhizotomy" in loc for loc in entries if "/es/" in loc)
