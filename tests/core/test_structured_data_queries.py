"""The JSON-LD costs a page at most one SQL query (#18 "Structured data").

The graph reads what the page's template reads anyway (its site settings, its reviewer,
its hours, services and physicians); only the breadcrumb trail of live ancestors is read
again. Generated over every page type, on a site as rich as the demo's Lumbar
Foraminotomy (clinics with hours, services and physicians; a reviewed procedure).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, get_page_models

from core.templatetags import head_tags
from frontcache.content_changes import note_content_changed
from people.factories import PhysicianFactory
from people.review import record_review
from tests.api.helpers import a_lumbar_foraminotomy
from tests.builders import a_page_of_type_in, a_site

pytestmark = pytest.mark.django_db

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
#: What the graph may add to a page's queries: the live ancestors of its breadcrumb trail.
QUERIES_ADDED = 1


@pytest.fixture
def scene():
    scene = a_lumbar_foraminotomy(a_site(), clinics=3)
    record_review(scene.procedure, PhysicianFactory(licensed=True))
    return scene


def queries_for(client, site, page):
    """The queries of a visitor's request that the render cache does not answer."""
    url = page.relative_url(site.site)
    client.get(url, headers=site.headers)  # renditions of newly added images are made on first view
    note_content_changed()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=site.headers)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_the_graph_adds_at_most_one_query(client, scene, page_type, monkeypatch):
    site = scene.site
    page = a_page_of_type_in(site, page_type)
    with_graph, response = queries_for(client, site, page)
    assert b'"@graph"' in response.content

    monkeypatch.setattr(head_tags, "page_graph", lambda page, settings, trail: {})
    monkeypatch.setattr(head_tags, "breadcrumb_trail", lambda page: [])
    without_graph, response = queries_for(client, site, page)
    assert b'"@graph"' not in response.content

    assert with_graph - without_graph <= QUERIES_ADDED, (with_graph, without_graph)
