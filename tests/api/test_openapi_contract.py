"""The OpenAPI document of API v3 as a contract a partner can generate a client from."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

OPENAPI_PATH = "/api/v3/openapi.json"


@pytest.fixture
def document(client):
    return client.get(OPENAPI_PATH).json()


def test_the_document_is_valid_openapi(document):
    validate(document)


def test_the_document_names_the_site_it_is_read_from_as_its_server(document):
    assert [server["url"] for server in document["servers"]] == ["/"]


def test_every_security_requirement_names_a_defined_scheme(document):
    schemes = document["components"]["securitySchemes"]
    for path_item in document["paths"].values():
        for operation in path_item.values():
            for requirement in operation.get("security", ()):
                assert set(requirement) <= set(schemes), requirement
    assert schemes["BearerTokenAuth"]["scheme"] == "bearer"


def test_reads_open_to_anonymous_callers_say_so_with_an_empty_requirement(document):
    listing = document["paths"]["/api/v3/pages/"]["get"]
    assert {} in listing["security"]
    assert {"BearerTokenAuth": []} in listing["security"]


# Named, typed schemas for what a page carries ------------------------------------


def read_schemas(document):
    from wagtail.models import get_page_models

    schemas = document["components"]["schemas"]
    return {model: schemas[f"{model.__name__}Schema"] for model in get_page_models()}


def test_no_field_of_a_page_is_untyped(document):
    from api.openapi import is_untyped

    for model, schema in read_schemas(document).items():
        untyped = [name for name, field in schema["properties"].items() if is_untyped(field)]
        assert not untyped, (model._meta.label, untyped)


@pytest.mark.parametrize(
    "name",
    ["PageCard", "Image", "Rendition", "Phone", "Seo", "Breadcrumb", "Translations", "Geo"]
    + ["OpeningHours", "Physician", "CallToAction", "Testimonial"],
)
def test_what_pages_carry_has_a_named_schema(document, name):
    assert document["components"]["schemas"][name]["type"] == "object"


def test_choice_fields_are_enums_in_read_and_write_schemas(document):
    from django.apps import apps

    schemas = document["components"]["schemas"]
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not field.choices or field.is_relation:
                continue
            for name in (f"{model.__name__}Schema", f"{model.__name__}CreateSchema"):
                described = schemas.get(name, {}).get("properties", {}).get(field.name)
                if described is None:
                    continue
                branches = described.get("anyOf", [described])
                values = [branch for branch in branches if branch.get("type") != "null"]
                choices = {value for value, _label in field.flatchoices}
                assert values and all(choices <= set(b["enum"]) for b in values), (name, field)


# Errors and parameters -----------------------------------------------------------


def test_every_operation_documents_its_errors_as_problems(document):
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            statuses = set(operation["responses"])
            assert {"400", "401", "422"} <= statuses, (method, path)
            if "{" in path:
                assert "404" in statuses, (method, path)
            if method in ("post", "patch", "put", "delete"):
                assert {"403", "409"} <= statuses, (method, path)
            problem = operation["responses"]["400"]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_operations_that_need_the_search_engine_or_the_file_store_document_their_503(document):
    """A search (?search=) or an upload (a multipart body) is refused with a 503 while the
    service it needs is down; a partner's client should know to retry after Retry-After."""
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            parameters = {parameter["name"] for parameter in operation.get("parameters", ())}
            body = operation.get("requestBody", {}).get("content", {})
            if "search" in parameters or "multipart/form-data" in body:
                unavailable = operation["responses"].get("503")
                assert unavailable, (method, path)
                assert "Retry-After" in unavailable["headers"], (method, path)


def test_the_limit_maximum_is_documented(document, settings):
    listing = document["paths"]["/api/v3/pages/"]["get"]
    (limit,) = [parameter for parameter in listing["parameters"] if parameter["name"] == "limit"]
    assert limit["schema"]["maximum"] == settings.WAGTAILAPI_LIMIT_MAX


def an_example(schema):
    """A value the parameter's schema allows, as a query string gives it."""
    for branch in schema.get("anyOf", [schema]):
        if "enum" in branch:
            return str(branch["enum"][0])
        if "const" in branch:
            return str(branch["const"])
        if branch.get("type") == "array":
            return an_example(branch["items"]) if branch["items"] else "x"
        if branch.get("type") == "integer":
            return "1"
    return "x"


def test_the_page_listing_takes_exactly_the_parameters_it_documents(client, document):
    from api.openapi import FIELD_FILTER_TYPES

    listing = document["paths"]["/api/v3/pages/"]["get"]
    for parameter in listing["parameters"]:
        query = {parameter["name"]: an_example(parameter["schema"])}
        if FIELD_FILTER_TYPES in parameter:
            query["type"] = parameter[FIELD_FILTER_TYPES][0]
        answer = client.get("/api/v3/pages/", query)
        assert "Unknown query parameter" not in answer.content.decode(), query
    refused = client.get("/api/v3/pages/", {"colour": "red"})
    assert refused.status_code == 400
    assert "Unknown query parameter" in refused.json()["detail"]


def test_a_field_filter_needs_the_type_it_is_documented_with(client, document):
    from api.openapi import FIELD_FILTER_TYPES

    listing = document["paths"]["/api/v3/pages/"]["get"]
    field_filter = next(p for p in listing["parameters"] if p["name"] == "procedure_type")
    assert "procedures.ProcedurePage" in field_filter[FIELD_FILTER_TYPES]
    assert client.get("/api/v3/pages/", {"procedure_type": "surgical"}).status_code == 400
