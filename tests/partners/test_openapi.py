"""Both OpenAPI documents describe the partner key, its 401 and its 429, and the usage
answer has its documented shape."""

from jsonschema import Draft202012Validator

from tests.builders import a_site, english
from tests.partners.conftest import bearer


def schema(document, path, status):
    answer = document["paths"][path]["get"]["responses"][status]
    if "$ref" in answer:
        answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[-1]]
    return answer


def test_v2_documents_the_key_and_its_refusals(client, make_key):
    document = client.get("/api/v2/openapi.json").json()
    assert document["components"]["securitySchemes"]["PartnerKey"]["scheme"] == "bearer"
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert {"401", "429"} <= set(responses), path
        assert "Retry-After" in schema(document, path, "429")["headers"], path
    built = a_site()
    _key, value = make_key(sites=[built.site], locales=[english()])
    client.get("/api/v2/pages/", headers=built.headers, **bearer(value))
    usage = client.get("/api/v2/partner/usage/", **bearer(value))
    answer = schema(document, "/api/v2/partner/usage/", "200")
    validator = Draft202012Validator(answer["content"]["application/json"]["schema"])
    validator.validate(usage.json())
    assert usage.json()["items"]


def test_v3_documents_the_key_on_what_anyone_may_read(client):
    document = client.get("/api/v3/openapi.json").json()
    assert "PartnerKey" in document["components"]["securitySchemes"]
    listing = document["paths"]["/api/v3/pages/"]["get"]
    assert {"PartnerKey": []} in listing["security"]
    assert "Retry-After" in listing["responses"]["429"]["headers"]
    for item in document["paths"].values():
        for method, operation in item.items():
            keyed = {"PartnerKey": []} in operation.get("security", [])
            assert keyed == (method == "get" and {} in operation.get("security", []))
