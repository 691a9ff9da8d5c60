"""A partner key reads and never writes: every v3 page write it sends is refused with a
JSON 401 or 403 and changes nothing. The writes are read from the v3 OpenAPI document."""

import json
import re

import pytest
from wagtail.api.v3.urls import api as api_v3
from wagtail.models import Page, Revision

from changes.models import ChangeEvent
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site, english, published
from tests.partners.conftest import bearer

pytestmark = pytest.mark.django_db


def page_writes():
    """(method, path) of every write on pages, {page_id} left to fill in."""
    document = api_v3.get_openapi_schema()
    return sorted(
        (method.upper(), path)
        for path, operations in document["paths"].items()
        if path.startswith("/api/v3/pages/")
        for method in operations
        if method in {"post", "patch", "put", "delete"}
    )


PAGE_WRITES = page_writes()


def test_the_writes_include_post_patch_and_delete():
    assert {method for method, _path in PAGE_WRITES} >= {"POST", "PATCH", "DELETE"}


def database_state():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live", "path", "url_path")),
        "revisions": Revision.objects.count(),
        "events": ChangeEvent.objects.count(),
    }


@pytest.mark.parametrize(("method", "path"), PAGE_WRITES)
def test_a_partner_key_cannot_write_pages(client, make_key, method, path):
    built = a_site()
    page = published(ProcedurePageFactory(parent=built.procedures))
    _key, value = make_key(sites=[built.site], locales=[english()])
    body = {"title": "Written by a partner"}
    if method != "PATCH":
        body |= {
            "type": ProcedurePage._meta.label,
            "parent": built.procedures.pk,
            "destination": built.conditions.pk,
            "slug": "written-by-a-partner",
            "locale": "es",
        }
    before = database_state()

    response = client.generic(
        method,
        re.sub(r"\{[^}]+\}", str(page.pk), path),
        json.dumps(body),
        content_type="application/json",
        headers=built.headers,
        **bearer(value),
    )

    assert response.status_code in (401, 403), response.content
    assert "json" in response["Content-Type"]
    assert response.json()
    assert database_state() == before
