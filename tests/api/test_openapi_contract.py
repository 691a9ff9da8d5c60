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
