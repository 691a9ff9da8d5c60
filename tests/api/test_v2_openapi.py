"""API v2's OpenAPI document (#16): valid, complete, and true to what the endpoints do.

The document is generated from the endpoints; these tests hold it to the server:
its paths are the v2 routes, every parameter it documents is taken, one it does
not document is refused, and real answers (and errors) match its schemas.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from api.v2 import DETAIL_QUERY_PARAMETERS, router
from tests.api.helpers import a_lumbar_foraminotomy
from tests.builders import a_site

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/v2/openapi.json"
#: The answers Wagtail and our views give a parameter they do not take.
UNKNOWN_PARAMETER = re.compile(
    r"not an operation or a recognised field|not allowed|Unknown query parameter"
)


@pytest.fixture
def scene():
    return a_lumbar_foraminotomy(a_site(), clinics=2)


@pytest.fixture
def client(scene):
    return Client(headers=scene.site.headers)


@pytest.fixture
def document(client):
    response = client.get(DOCUMENT)
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        yield path, item["get"]


def routes(patterns, prefix=""):
    """Every route under Django's URL patterns, as OpenAPI paths."""
    for entry in patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + re.sub(r"<(?:\w+:)?\w+>", "{id}", route)


def test_the_document_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.")


def test_it_describes_every_public_v2_route(document):
    v2_routes = {route for route in routes(get_resolver().url_patterns) if "/api/v2/" in route}
    assert set(document["paths"]) == v2_routes


def test_listing_parameters_are_the_endpoints_known_parameters_and_more(document):
    for name, endpoint in router._endpoints.items():
        documented = {p["name"] for p in document["paths"][f"/api/v2/{name}/"]["get"]["parameters"]}
        assert endpoint.known_query_parameters <= documented, name
        detail = document["paths"][f"/api/v2/{name}/{{id}}/"]["get"]["parameters"]
        assert {p["name"] for p in detail if p["in"] == "query"} == DETAIL_QUERY_PARAMETERS


def sample(schema):
    """A value of the parameter's schema, as a query string holds it."""
    if "enum" in schema:
        return schema["enum"][0]
    if "oneOf" in schema or schema.get("type") == "integer":
        return "1"
    if schema.get("type") == "boolean":
        return "true"
    if schema.get("format") == "date":
        return "2026-01-01"
    if schema.get("format") == "date-time":
        return "2026-01-01T00:00:00Z"
    if "pattern" in schema:
        return "1"
    return schema.get("examples", ["x"])[0]


def page_type_with(name):
    from wagtail.models import get_page_models

    from api.v2 import PagesEndpoint

    for model in get_page_models():
        if name in PagesEndpoint.get_available_fields(model, db_fields_only=True):
            return model._meta.label
    raise AssertionError(f"no page type has {name}")


def test_every_documented_parameter_is_taken(client, document):
    for path, operation in operations(document):
        concrete = path.replace("{id}", "1")
        base = {"near": "75201"} if "nearby" in path else {}
        for parameter in operation.get("parameters", ()):
            if parameter["in"] != "query":
                continue
            name = parameter["name"]
            query = {**base, name: sample(parameter["schema"])}
            if path == "/api/v2/pages/" and "with `type=`" in parameter["description"]:
                query["type"] = page_type_with(name)
            if name == "locale" and path == "/api/v2/pages/":
                query["locale"] = "en"
            response = client.get(concrete, query)
            message = response.json().get("message", "") if response.status_code == 400 else ""
            assert not UNKNOWN_PARAMETER.search(message), (path, name, message)


def test_an_undocumented_parameter_is_refused(client, document):
    for path, _operation in operations(document):
        if path.endswith("/find/") or path.endswith("openapi.json"):
            continue  # find passes its query on to the detail, which refuses it
        response = client.get(path.replace("{id}", "1"), {"colour": "red", "near": "75201"})
        assert response.status_code == 400, path
        assert UNKNOWN_PARAMETER.search(response.json()["message"]), path


def schema_of(document, path, status):
    answer = document["paths"][path]["get"]["responses"][status]
    if "$ref" in answer:
        answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[-1]]
    schema = answer["content"]["application/json"]["schema"]
    # $refs resolve against the document: validate with it as the root.
    return Draft202012Validator({**schema, "components": document["components"]})


def detail_id(client, path):
    listing = client.get(path).json()
    return listing["items"][0]["id"] if listing["items"] else None


def test_real_answers_match_the_documented_schemas(client, document, scene):
    checked = 0
    for path, operation in operations(document):
        if path.endswith("/find/") or path.endswith("openapi.json"):
            continue
        if {} not in operation.get("security", document["security"]):
            continue  # a partner key's own (tests/partners/test_openapi.py)
        if "{id}" in path:
            pk = detail_id(client, path.replace("{id}/", ""))
            if pk is None:
                continue
            url = path.replace("{id}", str(pk))
        else:
            url = path
        query = {"near": "75219"} if "nearby" in path else {}
        if path.endswith("/sync/"):
            query = {"initial": "true"}  # the feed has no answer without a start
        response = client.get(url, query)
        assert response.status_code == 200, (url, response.content[:200])
        schema_of(document, path, "200").validate(response.json())
        checked += 1
    batch = client.get("/api/v2/pages/", {"id": f"{scene.procedure.pk},{scene.clinics[0].pk}"})
    for item in batch.json()["items"]:
        Draft202012Validator({"$ref": "#/components/schemas/Page", **document}).validate(item)
    # every listing, the settings, the finder, the sync feed
    assert checked >= len(router._endpoints) + 3


@pytest.mark.parametrize(
    ("url", "query", "status", "headers"),
    [
        ("/api/v2/pages/", {"limit": "51"}, "400", {}),
        ("/api/v2/pages/", {}, "401", {"Authorization": "Bearer wagtail_nope"}),
        ("/api/v2/pages/999999/", {}, "404", {}),
        ("/api/v2/site-settings/", {"site": "nosuch.example"}, "404", {}),
        ("/api/v2/locations/nearby/", {}, "400", {}),
    ],
)
def test_errors_have_the_documented_shape(client, document, url, query, status, headers):
    response = client.get(url, query, headers=headers)
    assert str(response.status_code) == status
    path = url if url in document["paths"] else "/api/v2/pages/{id}/"
    schema_of(document, path, status).validate(response.json())


def relation_filters():
    """(page type, field) of every page field filter that names related rows by id."""
    from wagtail.models import get_page_models

    from api.v2 import PagesEndpoint, is_id_relation

    for model in get_page_models():
        for name in PagesEndpoint.get_available_fields(model, db_fields_only=True):
            field = model._meta.get_field(name)
            if is_id_relation(field) and not field.concrete:
                yield model._meta.label, name


@pytest.mark.parametrize(("page_type", "name"), sorted(relation_filters()))
def test_a_relation_filter_that_is_not_an_id_is_a_json_400(page_type, name):
    response = Client().get("/api/v2/pages/", {"type": page_type, name: "x"})
    assert response.status_code == 400
    assert name in response.json()["message"]


def test_searches_document_their_503_with_retry_after(document):
    responses = document["components"]["responses"]
    searching = [
        (path, operation)
        for path, path_item in document["paths"].items()
        for operation in path_item.values()
        if "search" in {parameter.get("name") for parameter in operation.get("parameters", ())}
    ]
    assert searching
    for path, operation in searching:
        unavailable = operation["responses"]["503"]
        unavailable = responses[unavailable["$ref"].rsplit("/", 1)[1]]
        assert "Retry-After" in unavailable["headers"], path
