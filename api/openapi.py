"""The contract of API v3: what Wagtail's generated OpenAPI document leaves out or gets wrong.

django-ninja builds ``/api/v3/openapi.json`` from the routers' pydantic schemas;
``completing(api)`` wraps the API's ``get_openapi_schema`` so that every copy of
the document (the served one, and the one ``api.v3`` reads its declared query
parameters from) is completed the same way:

* ``servers`` is the site the document is read from (each brand serves it on its
  own host), and the security schemes are valid: Wagtail's ``AllowAnonymous`` is
  an ``http`` scheme with no ``scheme``, which OpenAPI 3.1 refuses; an operation
  open to anonymous callers says so with an empty requirement (``{}``).
"""

import functools

BEARER_SCHEME = "BearerTokenAuth"
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
    return document


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
    for operation in operations(document):
        requirements = operation.get("security")
        if requirements:
            operation["security"] = [
                {} if ANONYMOUS_SCHEME in requirement else requirement
                for requirement in requirements
            ]


def operations(document):
    for path_item in document["paths"].values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                yield operation


HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
