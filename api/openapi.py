"""The contract of API v3: what Wagtail's generated OpenAPI document leaves out or gets wrong.

django-ninja builds ``/api/v3/openapi.json`` from the routers' pydantic schemas;
``completing(api)`` wraps the API's ``get_openapi_schema`` so that every copy of
the document (the served one, and the one ``api.v3`` reads its declared query
parameters from) is completed the same way:

* ``servers`` is the site the document is read from (each brand serves it on its
  own host), and the security schemes are valid: Wagtail's ``AllowAnonymous`` is
  an ``http`` scheme with no ``scheme``, which OpenAPI 3.1 refuses; an operation
  open to anonymous callers says so with an empty requirement (``{}``);
* StreamFields are typed (``api.block_schemas``), and what the page JSON carries
  refers to named components (``api.components``);
* every operation lists the error answers it can give, in problem+json; the page
  listing documents the filters ``api.v3`` admits (procedure and field filters);
* an optional request body refers to its schema plainly (see ``plain_optional_bodies``).
"""

import functools
import re

from django.apps import apps
from django.conf import settings
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from api.block_schemas import BlockSchemas
from api.components import choices_of, components, page_field_properties, ref

BEARER_SCHEME = "BearerTokenAuth"
PARTNER_KEY_SCHEME = "PartnerKey"
#: What a partner key is and does, in both API versions' documents.
PARTNER_KEY_SECURITY = {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "fpk_<public id>_<secret>",
    "description": (
        "A partner key (Settings → Partner keys), sent as `Authorization: Bearer fpk_...`. "
        "Read-only: every public read answers within the key's scope (its sites, locales "
        "and content types; anything else is a 404, and counts are the scope's). A "
        "revoked, expired or unknown key is refused with 401. Every keyed answer carries "
        "`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`; past the "
        "partner's requests per minute the answer is a 429 with `Retry-After`."
    ),
}
ANONYMOUS_SCHEME = "AllowAnonymous"


def completing(api):
    """Make ``api.get_openapi_schema`` return the completed document (see the module's doc)."""
    generate = api.get_openapi_schema

    @functools.wraps(generate)
    def get_openapi_schema(*args, **kwargs):
        return complete(generate(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema


def complete(document):
    document["servers"] = [
        {"url": "/", "description": "The site this document is read from (each brand's host)."}
    ]
    describe_security(document)
    schemas = document["components"].setdefault("schemas", {})
    schemas.update(components())
    blocks = type_stream_fields(schemas)
    type_page_fields(schemas, blocks)
    enumerate_choices(schemas)
    schemas["Problem"] = problem_schema()
    document_errors(document)
    document_find_redirects(document)
    document_limit_maximum(document)
    document_page_filters(document["paths"][PAGE_LISTING]["get"])
    plain_optional_bodies(document)
    return document


def plain_optional_bodies(document):
    """An optional body (``payload: Schema = Schema()``) is its schema's ``$ref``, no default.

    django-ninja wraps it as ``allOf: [$ref]`` with the instance's fields as
    ``default``: the same defaults the component's properties already carry, and
    ``required: false`` already says the body may be left out. openapi-python-client
    cannot give a model a default and drops the operation (unpublish, copy,
    create_alias) with only a warning.
    """
    for operation in operations(document):
        body = operation.get("requestBody", {})
        for media in body.get("content", {}).values():
            schema = media["schema"]
            if "default" in schema and len(schema.get("allOf", ())) == 1:
                media["schema"] = schema["allOf"][0]


PAGE_LISTING = "/api/v3/pages/"
#: The extension naming the page types a field filter is taken with.
FIELD_FILTER_TYPES = "x-page-types"
PROBLEM_JSON = "application/problem+json"
WRITES = frozenset({"post", "put", "patch", "delete"})

#: Each error answer, and when an operation can give it.
ERRORS = {
    "400": "A query parameter the operation does not take, or a value of the wrong form.",
    "401": "The bearer token is invalid, or the operation needs one and none was sent.",
    "403": "The token's user may not do this.",
    "404": "No such object (or locale), or none the caller may see.",
    "409": "This would duplicate or break what exists (e.g. a second translation into a "
    "locale, or deleting a form page that holds leads).",
    "422": "The request's body or parameters do not validate.",
    "429": "A partner key past its requests per minute; retry after `Retry-After` seconds.",
    "503": "The search engine (with ?search=) or the file store (uploads) does not answer; "
    "nothing was saved. Retry after `Retry-After` seconds.",
}


RETRY_AFTER = {
    "description": "Seconds until the key's next minute starts.",
    "schema": {"type": "integer", "minimum": 1},
}
UNAVAILABLE_RETRY_AFTER = {
    "description": "Seconds after which the service may answer again.",
    "schema": {"type": "integer", "minimum": 1},
}


def document_find_redirects(document):
    """``find/`` answers the object it finds with a redirect to its detail, passing on the
    detail's query parameters (``?rich_text_format=``), which it therefore takes too."""
    paths = document["paths"]
    for path, path_item in paths.items():
        if path.endswith("/find/") and "get" in path_item:
            operation = path_item["get"]
            operation["responses"].setdefault(
                "302",
                {
                    "description": "Found: `Location` is the detail of the object found.",
                    "headers": {"Location": {"schema": {"type": "string"}}},
                },
            )
            taken = {parameter["name"] for parameter in operation.get("parameters", ())}
            operation.setdefault("parameters", []).extend(
                parameter
                for parameter in detail_query_parameters(paths, path.removesuffix("find/"))
                if parameter["name"] not in taken
            )


def detail_query_parameters(paths, prefix):
    """The query parameters of the detail GET beside ``find/`` (``prefix{id}/``)."""
    for path, path_item in paths.items():
        if re.fullmatch(re.escape(prefix) + r"\{\w+\}/", path) and "get" in path_item:
            return [
                parameter
                for parameter in path_item["get"].get("parameters", ())
                if parameter.get("in") == "query"
            ]
    return []


def document_limit_maximum(document):
    """Wagtail answers a ``limit`` above ``WAGTAILAPI_LIMIT_MAX`` with a 400 (its paginator)."""
    for operation in operations(document):
        for parameter in operation.get("parameters", ()):
            if parameter["name"] == "limit" and settings.WAGTAILAPI_LIMIT_MAX is not None:
                parameter["schema"]["maximum"] = settings.WAGTAILAPI_LIMIT_MAX


def problem_schema():
    from wagtail.api.v3.errors import ProblemDetail

    schema = ProblemDetail.model_json_schema()
    schema["description"] = "An RFC 9457 problem: `errors` locates each invalid input."
    return schema


def document_errors(document):
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                responses = operation.setdefault("responses", {})
                for status in error_statuses(path, method, operation):
                    answer = {
                        "description": ERRORS[status],
                        "content": {PROBLEM_JSON: {"schema": ref("Problem")}},
                    }
                    if status == "429":
                        answer["headers"] = {"Retry-After": RETRY_AFTER}
                    if status == "503":
                        answer["headers"] = {"Retry-After": UNAVAILABLE_RETRY_AFTER}
                    responses.setdefault(status, answer)


def error_statuses(path, method, operation):
    anonymous = {} in operation.get("security", [{}])
    parameters = {parameter["name"] for parameter in operation.get("parameters", ())}
    statuses = ["400", "401", "422"]
    if not anonymous or method in WRITES:
        statuses.append("403")
    # An unknown ?locale= is a 404 too, and so is a write naming an object that is not
    # there (a create's meta.parent_id).
    if "{" in path or path.endswith("/find/") or "locale" in parameters or method in WRITES:
        statuses.append("404")
    if method in WRITES:
        statuses.append("409")
    if "search" in parameters or is_upload(operation):
        statuses.append("503")
    if {PARTNER_KEY_SCHEME: []} in operation.get("security", []):
        statuses.append("429")
    return sorted(statuses)


def is_upload(operation):
    return "multipart/form-data" in operation.get("requestBody", {}).get("content", {})


def document_page_filters(listing):
    """The page listing's procedure filters and field filters, beside Wagtail's parameters."""
    parameters = listing.setdefault("parameters", [])
    declared = {parameter["name"] for parameter in parameters}
    for parameter in [*procedure_filters(), *field_filters()]:
        if parameter["name"] not in declared:
            parameters.append(parameter)
            declared.add(parameter["name"])


def procedure_filters():
    page_id = {"type": "integer", "exclusiveMinimum": 0}
    return [
        query_parameter("condition", page_id, "Procedures that treat this condition page."),
        query_parameter("location", page_id, "Procedures offered at this location page."),
        query_parameter(
            "body_region",
            choices_of("procedures.ProcedurePage", "body_region"),
            "Procedures of this body region.",
        ),
    ]


def field_filters():
    """A parameter per field that some page type filters by, when ``type`` names it alone."""
    types_by_field = {}
    for model in get_page_models():
        for name in filterable_fields(model):
            types_by_field.setdefault(name, []).append(model._meta.label)
    return [
        query_parameter(
            name,
            {"type": "string"},
            f"Field filter: pages whose {name} equals the value. Only with a single "
            f"`type` of: {', '.join(types)}.",
            types=types,
        )
        for name, types in sorted(types_by_field.items())
    ]


def filterable_fields(model):
    """The API fields of ``model`` that Wagtail filters a listing by (as ``api.v3`` admits them)."""
    from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
    from wagtail.api.validators import APIFieldValidator

    names = sorted({field.name for field in getattr(model, "api_fields", ())})
    validated = APIFieldValidator(
        model=model,
        fields=names,
        base_fields=BASE_PAGE_READ_FIELDS,
        db_fields_only=True,
        skip_invalid=True,
    )
    return validated.fields


def query_parameter(name, schema, description, types=None):
    parameter = {
        "in": "query",
        "name": name,
        "required": False,
        "schema": schema,
        "description": description,
    }
    if types:
        parameter[FIELD_FILTER_TYPES] = types
    return parameter


def type_page_fields(schemas, blocks):
    """The read fields Wagtail leaves untyped (properties of the models) refer to components."""
    procedure_body = apps.get_model("procedures.ProcedurePage")._meta.get_field("body")
    typed = page_field_properties(blocks.stream(procedure_body.stream_block))
    schemas.update(blocks.schemas)
    for model in apps.get_models():
        properties = schemas.get(f"{model.__name__}Schema", {}).get("properties", {})
        for name, described in properties.items():
            if name in typed and is_untyped(described):
                properties[name] = {**typed[name], "title": described.get("title", name)}


def is_untyped(schema):
    return not TYPING_KEYWORDS & set(schema)


TYPING_KEYWORDS = frozenset({"type", "$ref", "anyOf", "oneOf", "allOf", "const", "enum"})

#: The schemas a model's fields appear in: read, create and patch.
FIELD_SCHEMA_NAMES = ("{}Schema", "{}CreateSchema", "{}PatchSchema")


def enumerate_choices(schemas):
    """A field with choices is an enum of its values, in read and write schemas alike."""
    for model in apps.get_models():
        choice_fields = [
            field
            for field in model._meta.concrete_fields
            if field.choices and not field.is_relation
        ]
        for template in FIELD_SCHEMA_NAMES:
            properties = schemas.get(template.format(model.__name__), {}).get("properties", {})
            for field in choice_fields:
                if field.name in properties:
                    restrict(properties[field.name], choices_of(model._meta.label, field.name))


def restrict(described, enum_schema):
    """Give the value branch of ``described`` (itself, or in an anyOf with null) the enum."""
    for branch in described.get("anyOf", [described]):
        if branch.get("type") in ("string", "integer"):
            branch["enum"] = enum_schema["enum"]


def type_stream_fields(schemas):
    """Each read schema's StreamField properties become their stream's typed union."""
    blocks = BlockSchemas()
    for model, field in stream_fields():
        properties = schemas.get(f"{model.__name__}Schema", {}).get("properties", {})
        if field.name in properties:
            described = properties[field.name]
            properties[field.name] = {
                **blocks.stream(field.stream_block, f"{model.__name__}{camel(field.name)}Stream"),
                "title": described.get("title", field.name),
            }
    schemas.update(blocks.schemas)
    return blocks


def camel(name):
    return "".join(part.title() for part in name.split("_"))


def stream_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield model, field


def describe_security(document):
    schemes = document.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes.pop(ANONYMOUS_SCHEME, None)
    schemes[BEARER_SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "An API token made in the Wagtail admin (Settings → API tokens), sent as "
            "`Authorization: Bearer <token>`. Drafts, revisions and writes need one; an "
            "invalid token is refused with 401 even where anonymous reads are allowed."
        ),
    }
    schemes[PARTNER_KEY_SCHEME] = PARTNER_KEY_SECURITY
    for path_item in document["paths"].values():
        for method, operation in path_item.items():
            requirements = operation.get("security") if method in HTTP_METHODS else None
            if requirements:
                operation["security"] = [
                    {} if ANONYMOUS_SCHEME in requirement else requirement
                    for requirement in requirements
                ]
                # What anyone may read, a partner key reads within its scope.
                if method == "get" and {} in operation["security"]:
                    operation["security"].append({PARTNER_KEY_SCHEME: []})


def operations(document):
    for path_item in document["paths"].values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                yield operation


HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
