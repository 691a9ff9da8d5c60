"""Malformed input is the caller's error: a JSON 4xx naming it, never a 500.

The requests are generated from the APIs' own registries (v3's OpenAPI
document, v2's router), so a new write operation or searchable endpoint is
covered without editing a list here.
"""

import json
import re

import pytest
from django.test import Client
from wagtail.api.v3.urls import api as api_v3
from wagtail.models import APIToken

from api.v2 import router as api_v2_router
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db

WRITE_METHODS = {"post", "put", "patch", "delete"}
# Any value for a path parameter: the body is refused before the address is looked up.
PATH_PARAMETER = re.compile(r"\{[^}]+\}")
# Far deeper than Python's recursion limit: the JSON parser itself gives up.
DEEPLY_NESTED = "[" * 100_000 + "]" * 100_000
# Queries that the search backends read as syntax (an empty query, a lone quote).
AWKWARD_SEARCHES = [" ", '"', 'a"b', "*"]


def v3_operations(method_wanted):
    """(method, path) of every v3 operation in its OpenAPI document."""
    paths = api_v3.get_openapi_schema()["paths"]
    return [
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if method_wanted(method, operations[method])
    ]


def v3_writes():
    return v3_operations(lambda method, _operation: method in WRITE_METHODS)


def v3_searches():
    def takes_search(method, operation):
        parameters = operation.get("parameters", [])
        return method == "get" and any(p["name"] == "search" for p in parameters)

    return v3_operations(takes_search)


def v2_searchable_endpoints():
    from wagtail.api.v2.filters import SearchFilter

    return sorted(
        name
        for name, endpoint in api_v2_router._endpoints.items()
        if SearchFilter in endpoint.filter_backends
    )


def v3_snippet_types():
    from wagtail.snippets.api.v3.router import enabled_models

    return [model._meta.label for model in enabled_models]


def concrete(path, **values):
    """The path with its parameters filled in: by name when given, else with 1."""
    return PATH_PARAMETER.sub(lambda match: str(values.get(match[0][1:-1], 1)), path)


@pytest.fixture
def api_client():
    return Client(raise_request_exception=False)


@pytest.fixture
def bearer(django_user_model):
    user = django_user_model.objects.create_superuser("bad-input-admin", "bad-input@example.com")
    return f"Bearer {APIToken.create_token(user=user, name='bad input')[1]}"


def v3_problem(response):
    assert response["Content-Type"].startswith("application/problem+json"), response.content[:300]
    body = json.loads(response.content)
    assert body["detail"].strip()
    return body


@pytest.mark.parametrize(("method", "path"), v3_writes())
def test_deeply_nested_json_on_any_v3_write_is_a_400_before_authentication(
    api_client, method, path
):
    response = api_client.generic(
        method, concrete(path), data=DEEPLY_NESTED, content_type="application/json"
    )
    assert response.status_code == 400, response.content[:300]
    assert "nest" in v3_problem(response)["detail"]


def test_a_nul_in_a_v3_copy_title_is_a_400_naming_the_field(api_client, bearer):
    site = a_site()
    procedure = ProcedurePageFactory(parent=site.procedures)
    response = api_client.post(
        f"/api/v3/pages/{procedure.pk}/actions/copy/",
        data=json.dumps({"new_title": "Copy\x00", "new_slug": "copy-with-nul"}),
        content_type="application/json",
        headers={"authorization": bearer},
    )
    assert response.status_code == 400, response.content[:300]
    assert "new_title" in v3_problem(response)["detail"]
    assert not procedure.get_parent().get_children().filter(slug="copy-with-nul").exists()


def test_a_nul_in_a_key_of_a_v3_write_is_a_400(api_client, bearer):
    response = api_client.post(
        "/api/v3/pages/",
        data=json.dumps({"ti\x00tle": "x"}),
        content_type="application/json",
        headers={"authorization": bearer},
    )
    assert response.status_code == 400, response.content[:300]
    v3_problem(response)


@pytest.mark.parametrize("search", AWKWARD_SEARCHES)
@pytest.mark.parametrize("endpoint", v2_searchable_endpoints())
def test_awkward_v2_searches_are_answered(api_client, endpoint, search):
    site = a_site()
    response = api_client.get(f"/api/v2/{endpoint}/", {"search": search}, headers=site.headers)
    assert response.status_code in (200, 400), response.content[:300]
    body = response.json()
    assert "items" in body if response.status_code == 200 else body["message"].strip()


@pytest.mark.parametrize("search", AWKWARD_SEARCHES)
@pytest.mark.parametrize(("method", "path"), v3_searches())
def test_awkward_v3_searches_are_answered(api_client, bearer, method, path, search):
    paths = (
        [concrete(path, type=label) for label in v3_snippet_types()]
        if "{type}" in path
        else [concrete(path)]
    )
    for url in paths:
        response = api_client.get(url, {"search": search}, headers={"authorization": bearer})
        # 422: Wagtail's answer for a snippet type that is not indexed for search.
        assert response.status_code in (200, 400, 422), (url, response.content[:300])
        if response.status_code != 200:
            v3_problem(response)
        else:
            assert "items" in response.json()
