"""The page's JSON-LD graph as the APIs' ``schema_org`` field (#18 "Structured data").

The graph a page's head gives search engines is the one both APIs give partners,
in the page's language and with the ``@id``s of the page's own site, and it costs
an API detail at most one query.
"""

import datetime
import json
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from clinics.models import LocalProcedurePage
from core.factories import ImageFactory
from core.models import SiteSettings
from people.factories import PhysicianFactory
from procedures.factories import ProcedurePageFactory
from tests.api.helpers import a_clinic
from tests.api.test_query_budget import queries_for
from tests.builders import a_page_of_type_in, a_site, a_translation
from tests.core.test_structured_data import walk

pytestmark = pytest.mark.django_db

#: What the graph may add to an API detail's queries (issue #18).
QUERIES_ADDED = 1


@dataclass
class Scene:
    site: object
    procedure: object
    clinic: object


@pytest.fixture
def scene():
    """A reviewed procedure and a clinic offering it, with hours and two physicians, on a
    site whose organization has a logo and a 24/7 phone: every kind of node the graph has."""
    built = a_site()
    today = datetime.date.today()
    procedure = ProcedurePageFactory(
        parent=built.procedures,
        medical_reviewer=PhysicianFactory(),
        last_reviewed=today - datetime.timedelta(days=45),
        next_review=today + datetime.timedelta(days=320),
    )
    clinic = a_clinic(built, procedures=[procedure], physicians=PhysicianFactory.create_batch(2))
    SiteSettings.objects.update_or_create(
        site=built.site, defaults={"logo": ImageFactory(), "phone_24_7": "+18774742225"}
    )
    return Scene(site=built, procedure=procedure, clinic=clinic)


BYPASS = "schema-org"


@pytest.fixture
def client(scene, settings):
    """Requests to the built site that the render cache answers anew each time."""
    settings.RENDER_CACHE_BYPASS_TOKEN = BYPASS
    return Client(headers={**scene.site.headers, "X-Render-Cache": BYPASS})


def page_in(scene, kind, language):
    page = scene.procedure if kind == "procedure" else scene.clinic
    if language == "es":
        scene.site.in_spanish()
        page = a_translation(page)
    return page


def head_graph(client, page):
    response = client.get(page.relative_url(None))
    assert response.status_code == 200
    [script] = BeautifulSoup(response.content, "html.parser").find_all(
        "script", type="application/ld+json"
    )
    return json.loads(script.string)


def api_detail(client, version, page, query=""):
    response = client.get(f"/api/{version}/pages/{page.pk}/{query}")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", ["procedure", "location"])
def test_both_apis_serve_the_graph_of_the_page_head(client, scene, kind, language):
    page = page_in(scene, kind, language)
    graph = head_graph(client, page)
    for version in ("v2", "v3"):
        assert api_detail(client, version, page)["schema_org"] == graph, version

    nodes = {node["@id"]: node for node in graph["@graph"]}
    references = [item["@id"] for item in walk(graph["@graph"]) if set(item) == {"@id"}]
    assert references and set(references) <= set(nodes)
    webpage = nodes[f"{page.get_full_url()}#webpage"]
    assert webpage["inLanguage"] == language
    site_root = scene.site.site.root_url
    assert all(node_id.startswith(f"{site_root}/") for node_id in nodes)


def test_a_listing_carries_the_graph_only_when_asked(client, scene):
    listing = "/api/v2/pages/?type=procedures.ProcedurePage"
    [item] = client.get(listing).json()["items"]
    assert "schema_org" not in item
    [item] = client.get(f"{listing}&fields=schema_org").json()["items"]
    assert item["schema_org"] == api_detail(client, "v2", scene.procedure)["schema_org"]


@pytest.mark.parametrize("kind", ["procedure", "location", "local procedure"])
def test_the_graph_adds_at_most_one_query_to_a_detail(client, scene, kind):
    """A reviewed procedure, a clinic with its physicians and services, a local procedure
    page with its surgeons."""
    if kind == "local procedure":
        page = a_page_of_type_in(scene.site, LocalProcedurePage)
    else:
        page = page_in(scene, kind, "en")
    url = f"/api/v2/pages/{page.pk}/"
    client.get(url)  # the renditions it shows, made once
    with_graph = queries_for(client, url)
    without_graph = queries_for(client, f"{url}?fields=-schema_org")
    assert with_graph - without_graph <= QUERIES_ADDED, (with_graph, without_graph)
