"""An OpenAPI 3.1 description of API v2's public reads, served at /api/v2/openapi.json (#16).

Wagtail's v2 has no machine-readable description. This one is generated from
what the endpoints take, so that it cannot drift from them: each operation's
query parameters are the endpoint's ``known_query_parameters`` (a detail's
are ``DETAIL_QUERY_PARAMETERS``, a find's its ``find_query_parameters`` and
those it passes on), and a listing's field filters are the database fields the
endpoint filters on (``get_available_fields``). The paths are the router's.
Page bodies are left open (``additionalProperties``): their per-type schemas
are v3's concern; here a page is its common fields and a StreamField stream.
"""

import functools

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.views.decorators.http import require_safe
from wagtail.models import PreviewableMixin, get_page_models

from api import finder, site_settings, sync
from api.components import schema_org_components
from api.openapi import (
    PARTNER_KEY_SCHEME,
    PARTNER_KEY_SECURITY,
    RETRY_AFTER,
    UNAVAILABLE_RETRY_AFTER,
)
from api.v2 import (
    DETAIL_QUERY_PARAMETERS,
    MAX_SEARCH_LENGTH,
    SNIPPET_ENDPOINTS,
    PagesEndpoint,
    is_id_relation,
    router,
)
from changes import feed

OPENAPI_VERSION = "3.1.0"
PREFIX = "/api/v2/"
ERROR = {"$ref": "#/components/responses/Error"}
UNAVAILABLE = {"$ref": "#/components/responses/Unavailable"}
ANY_OBJECT = {"type": "object", "additionalProperties": True}
ID = {"type": "integer", "minimum": 1}

#: The schema and description of each query parameter an endpoint may know.
PARAMETERS = {
    "limit": (
        {"type": "integer", "minimum": 0, "maximum": settings.WAGTAILAPI_LIMIT_MAX},
        "How many items (default 20).",
    ),
    "offset": ({"type": "integer", "minimum": 0}, "How many items to skip."),
    "fields": (
        {"type": "string"},
        "Fields to add (`summary`), remove (`-title`), all (`*`) or only those named (`_,title`).",
    ),
    "order": (
        {"type": "string"},
        "A field to order by (`title`, `-title`) or `random`; ties are broken by id.",
    ),
    "search": ({"type": "string", "maxLength": MAX_SEARCH_LENGTH}, "Full-text search."),
    "search_operator": ({"type": "string", "enum": ["and", "or"]}, "How search terms combine."),
    "rich_text_format": (
        {"type": "string", "enum": ["html", "markdown", "db_html", "db_markdown"]},
        "The form of rich-text fields (display HTML by default).",
    ),
    "_": ({"type": "string"}, "Ignored (a cache buster)."),
    "format": ({"type": "string", "enum": ["json"]}, "The answer's format."),
    "type": (
        {"type": "string", "examples": ["procedures.ProcedurePage"]},
        "Page types (`app.Model`, comma-separated); needed for a type's fields and filters.",
    ),
    "child_of": ({"oneOf": [ID, {"const": "root"}]}, "Pages whose parent is this page id."),
    "descendant_of": (ID, "Pages below this page id."),
    "ancestor_of": (ID, "Pages above this page id."),
    "translation_of": (
        {"oneOf": [ID, {"const": "root"}]},
        "Translations of this page id.",
    ),
    "locale": (
        {"type": "string", "examples": ["en", "es"]},
        "A language code; on pages, `*` with `id` gives each page in every language.",
    ),
    "site": (
        {"type": "string", "examples": ["127.0.0.1", "localhost:8000"]},
        "The site, by hostname or hostname:port (the request's host's without it).",
    ),
    "id": (
        {"type": "string", "pattern": r"^[0-9]+(,[0-9]+)*$"},
        f"A page id, or a batch of at most {settings.WAGTAILAPI_LIMIT_MAX} separated by "
        "commas: each page as its detail answers it, in that order.",
    ),
    "condition": (ID, "Procedures treating this condition page."),
    "location": (ID, "Items of this location page (procedures offered, snippets of the clinic)."),
    "html_path": ({"type": "string", "examples": ["/locations/dallas-tx/"]}, "A page's path."),
    "near": (
        {"type": "string", "examples": ["75201", "Dallas, TX"]},
        "A US ZIP code or a city.",
    ),
}
#: Parameters a finder answer reads in its own way (its limit is not the listings').
SYNC_PARAMETERS = {
    "initial": (
        {"type": "string", "enum": ["true"]},
        "Start a sync: every page the reader may see, then the changes after it.",
    ),
    "cursor": (
        {"type": "string"},
        "Continue from the `next_cursor` of the previous answer (signed; expires after the"
        " retention, 90 days: then 410, start again with `initial=true`).",
    ),
    "limit": (
        {"type": "integer", "minimum": 1, "maximum": feed.MAX_LIMIT},
        f"How many items at most (default {feed.DEFAULT_LIMIT}).",
    ),
}
FINDER_LIMIT = (
    {"type": "integer", "minimum": 1, "maximum": finder.MAX_LIMIT},
    f"How many locations (default {finder.DEFAULT_LIMIT}).",
)


def parameter(name, spec=None, *, required=False, description=None):
    schema, text = spec or PARAMETERS[name]
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description or text,
        "schema": schema,
    }


def field_filter_schema(field):
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if is_id_relation(field) or isinstance(field, models.AutoField | models.IntegerField):
        return {"type": "integer"}
    if isinstance(field, models.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, models.DateField):
        return {"type": "string", "format": "date"}
    return {"type": "string"}


def field_filters(endpoint, model_list):
    """{name: (schema, description)} of the fields ``endpoint`` filters ``model_list`` on.

    A field name that another of the endpoint's filters reads (a page listing's ``id``
    batch) is described as that filter takes it.
    """
    filters = {}
    for model in model_list:
        for name in endpoint.get_available_fields(model, db_fields_only=True):
            if name in endpoint.known_query_parameters or name in filters:
                continue
            if name in read_elsewhere(endpoint):
                filters[name] = PARAMETERS[name]
                continue
            field = model._meta.get_field(name)
            filters[name] = (field_filter_schema(field), field_filter_description(model_list, name))
    return filters


def read_elsewhere(endpoint):
    return frozenset().union(
        *(getattr(backend, "read_elsewhere", ()) for backend in endpoint.filter_backends)
    )


def field_filter_description(model_list, name):
    if len(model_list) == 1:
        return f"Items whose `{name}` equals this value."
    owners = sorted(
        model._meta.label
        for model in model_list
        if name in PagesEndpoint.get_available_fields(model, db_fields_only=True)
    )
    return f"Pages whose `{name}` equals this value; with `type=` one of {', '.join(owners)}."


def filter_models(endpoint):
    """The models whose fields ``endpoint``'s listing filters on: every page type for pages."""
    if issubclass(endpoint, PagesEndpoint):
        return [endpoint.model, *(m for m in get_page_models() if m is not endpoint.model)]
    return [endpoint.model]


def listing_parameters(endpoint):
    known = [parameter(name) for name in sorted(endpoint.known_query_parameters)]
    filters = field_filters(endpoint, filter_models(endpoint))
    return known + [parameter(name, spec) for name, spec in sorted(filters.items())]


def find_parameters(endpoint):
    names = sorted(endpoint.find_query_parameters | DETAIL_QUERY_PARAMETERS)
    return [parameter(name) for name in names]


def detail_parameters():
    return [parameter(name) for name in sorted(DETAIL_QUERY_PARAMETERS)]


def responses(ok, *errors):
    answers = {"200": ok}
    for status in ("400", "401", *errors):
        answers[status] = UNAVAILABLE if status == "503" else ERROR
    return answers


def json_answer(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def endpoint_paths(name, endpoint):
    """The listing, detail and find of one router endpoint."""
    item, detail = item_schemas(endpoint)
    tag = name
    listing = {
        "get": {
            "operationId": f"list_{name.replace('-', '_')}",
            "tags": [tag],
            "summary": f"List {name}",
            "parameters": listing_parameters(endpoint),
            "responses": responses(
                json_answer(f"A page of {name}", listing_schema(item)), "404", "503"
            ),
        }
    }
    detail_operation = {
        "get": {
            "operationId": f"get_{name.replace('-', '_')}",
            "tags": [tag],
            "summary": f"One of {name}, by id",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": ID},
                *detail_parameters(),
            ],
            "responses": responses(json_answer("The item", detail), "404"),
        }
    }
    find = {
        "get": {
            "operationId": f"find_{name.replace('-', '_')}",
            "tags": [tag],
            "summary": f"Find one of {name}: a redirect to its detail",
            "parameters": find_parameters(endpoint),
            "responses": {
                "302": {
                    "description": "The item's detail URL, with the query passed on",
                    "headers": {"Location": {"schema": {"type": "string"}}},
                },
                "400": ERROR,
                "401": ERROR,
                "404": ERROR,
            },
        }
    }
    return {
        f"{PREFIX}{name}/": listing,
        f"{PREFIX}{name}/{{id}}/": detail_operation,
        f"{PREFIX}{name}/find/": find,
    }


def listing_schema(item):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": item},
        },
    }


def item_schemas(endpoint):
    """(listing item, detail) schemas: pages have their own; others name their fields."""
    if issubclass(endpoint, PagesEndpoint):
        return ref("PageItem"), ref("Page")
    body = {name: {} for name in endpoint.get_body_fields_names(endpoint.model) if name != "id"}
    meta = {name: {} for name in endpoint.get_meta_fields_names(endpoint.model)}
    item = {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {"id": ID, "meta": {**ref("ItemMeta"), "properties": meta}, **body},
    }
    return item, item


@functools.cache
def document():
    paths = {}
    for name, endpoint in router._endpoints.items():
        paths.update(endpoint_paths(name, endpoint))
    paths[f"{PREFIX}site-settings/"] = site_settings_path()
    paths[f"{PREFIX}sync/"] = sync_path()
    paths[f"{PREFIX}locations/nearby/"] = nearby_path()
    paths[f"{PREFIX}openapi.json"] = openapi_path()
    for operations in paths.values():
        # The middleware refuses an unusable key or token on every path (api.http).
        operations["get"]["responses"].setdefault("401", ERROR)
        operations["get"]["responses"]["429"] = {"$ref": "#/components/responses/RateLimited"}
    paths[f"{PREFIX}partner/usage/"] = usage_path()
    paths[f"{PREFIX}partner/preview/"] = preview_path()
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Foramen content API v2",
            "version": "2",
            "description": "Public and read-only: anonymous, or with a partner key that "
            "reads its scope only. See docs/api.md. A bearer token that authenticates nobody "
            "is refused (401) on every endpoint.",
        },
        "servers": [{"url": "/"}],
        "security": [{}, {PARTNER_KEY_SCHEME: []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": SCHEMAS,
            "responses": RESPONSES,
            "securitySchemes": {PARTNER_KEY_SCHEME: PARTNER_KEY_SECURITY},
        },
    }


def usage_path():
    """The partner's own usage: requests per key, day and endpoint (api.partner_access)."""
    row = {
        "type": "object",
        "required": ["key", "day", "endpoint", "requests"],
        "properties": {
            "key": {"type": "string", "description": "The key's prefix, fpk_<public id>"},
            "day": {"type": "string", "format": "date"},
            "endpoint": {"type": "string", "description": "The URL pattern requested"},
            "requests": {"type": "integer", "minimum": 1},
        },
    }
    usage = {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count", "since"],
                "properties": {
                    "total_count": {"type": "integer", "minimum": 0},
                    "since": {"type": "string", "format": "date"},
                },
            },
            "items": {"type": "array", "items": row},
        },
    }
    return {
        "get": {
            "operationId": "get_partner_usage",
            "tags": ["partner"],
            "summary": "The requests of the partner's keys per day and endpoint (31 days)",
            "security": [{PARTNER_KEY_SCHEME: []}],
            "parameters": [],
            "responses": {
                "200": json_answer("Usage rows, newest day first", usage),
                "401": ERROR,
                "429": {"$ref": "#/components/responses/RateLimited"},
            },
        }
    }


def preview_path():
    """A draft for the partner's preview front end (api.partner_preview)."""
    return {
        "get": {
            "operationId": "get_partner_preview",
            "tags": ["partner"],
            "summary": "The revision a preview token names, as its page or snippet detail gives it;"
            " needs a key of the token's partner with the preview scope; private, no-store",
            "security": [{PARTNER_KEY_SCHEME: []}],
            "parameters": [
                parameter(
                    "token",
                    ({"type": "string"}, "The token the partner's preview URL received"),
                    required=True,
                ),
                *detail_parameters(),
            ],
            "responses": {
                **responses(json_answer("The draft", preview_answer()), "403", "404", "410"),
                "429": {"$ref": "#/components/responses/RateLimited"},
            },
        }
    }


def preview_answer():
    """A page's detail, or the detail of one of the previewable snippets."""
    snippets = [
        item_schemas(endpoint)[1]
        for endpoint in SNIPPET_ENDPOINTS.values()
        if issubclass(endpoint.model, PreviewableMixin)
    ]
    return {"anyOf": [ref("Page"), *snippets]}


def site_settings_path():
    return {
        "get": {
            "operationId": "get_site_settings",
            "tags": ["site-settings"],
            "summary": "What a front end shows around every page of a site, in a language",
            "parameters": [parameter(name) for name in sorted(site_settings.KNOWN_PARAMETERS)],
            "responses": responses(json_answer("The site settings", ref("SiteSettings")), "404"),
        }
    }


def sync_path():
    return {
        "get": {
            "operationId": "sync_pages",
            "tags": ["sync"],
            "summary": "The site's public pages, then their changes in order (upserts and"
            " tombstones); answers are private, no-store",
            "parameters": [
                parameter(name, SYNC_PARAMETERS.get(name)) for name in sorted(sync.KNOWN_PARAMETERS)
            ],
            # 404: ?site= names no site (or none in the partner key's scope).
            "responses": responses(
                json_answer("A batch of the feed", ref("SyncBatch")), "404", "410"
            ),
        }
    }


def nearby_path():
    specs = {"limit": FINDER_LIMIT}
    return {
        "get": {
            "operationId": "list_nearby_locations",
            "tags": ["locations"],
            "summary": "The site's public locations, nearest first",
            "parameters": [
                parameter(name, specs.get(name), required=name == "near")
                for name in sorted(finder.KNOWN_PARAMETERS)
            ],
            "responses": responses(json_answer("Nearby locations", ref("NearbyLocations"))),
        }
    }


def openapi_path():
    return {
        "get": {
            "operationId": "get_openapi",
            "tags": ["meta"],
            "summary": "This document",
            "responses": {"200": json_answer("OpenAPI 3.1", ANY_OBJECT)},
        }
    }


NULLABLE_STRING = {"type": ["string", "null"]}
PHONE = {
    "type": ["object", "null"],
    "required": ["e164", "display", "url"],
    "properties": {
        "e164": {"type": "string"},
        "display": {"type": "string"},
        "url": {"type": "string"},
    },
}
SYNC_BATCH = {
    "type": "object",
    "required": ["items", "next_cursor", "has_more"],
    "properties": {
        "items": {
            "type": "array",
            "items": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["sequence", "id", "deleted", "page"],
                        "properties": {
                            "sequence": {"type": "integer", "minimum": 0},
                            "id": ID,
                            "deleted": {"const": False},
                            "page": ref("Page"),
                        },
                    },
                    {
                        "type": "object",
                        "required": ["sequence", "id", "deleted", "reason"],
                        "properties": {
                            "sequence": {"type": "integer", "minimum": 0},
                            "id": ID,
                            "deleted": {"const": True},
                            "reason": {
                                "type": "string",
                                "enum": [*feed.REASONS.values(), feed.OUT_OF_SCOPE],
                            },
                        },
                    },
                ]
            },
        },
        "next_cursor": {"type": "string"},
        "has_more": {"type": "boolean"},
    },
}
SCHEMAS = {
    **schema_org_components(),
    "SyncBatch": SYNC_BATCH,
    "Error": {
        "type": "object",
        "required": ["message"],
        "properties": {"message": {"type": "string"}},
    },
    "ItemMeta": {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {"type": {"type": "string"}, "detail_url": {"type": "string"}},
    },
    "PageMeta": {
        "type": "object",
        "required": ["type", "detail_url", "html_url"],
        "properties": {
            "type": {"type": "string", "examples": ["procedures.ProcedurePage"]},
            "detail_url": {"type": "string"},
            "html_url": NULLABLE_STRING,
            "slug": {"type": "string"},
            "locale": {"type": "string"},
            "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "PageItem": {
        "type": "object",
        "required": ["meta"],
        "properties": {"id": ID, "meta": ref("PageMeta"), "title": {"type": "string"}},
        "additionalProperties": True,
    },
    "Block": {
        "type": "object",
        "required": ["type", "value"],
        "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
        "description": "A StreamField block; skip types you do not know.",
    },
    "Page": {
        "type": "object",
        "required": [
            "id",
            "meta",
            "title",
            "page_url",
            "seo",
            "breadcrumbs",
            "translations",
            "schema_org",
        ],
        "properties": {
            "id": ID,
            "meta": ref("PageMeta"),
            "title": {"type": "string"},
            "page_url": NULLABLE_STRING,
            "seo": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "description": {"type": "string"}},
            },
            "breadcrumbs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "url"],
                    "properties": {"id": ID, "title": {"type": "string"}, "url": NULLABLE_STRING},
                },
            },
            "translations": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {"id": ID, "url": NULLABLE_STRING},
                },
            },
            "last_published_at": {"type": ["string", "null"], "format": "date-time"},
            "schema_org": ref("SchemaOrg"),
            "body": {"type": "array", "items": ref("Block")},
        },
        "additionalProperties": True,
        "description": "A page: its type's fields besides these (docs/api.md, Page fields).",
    },
    "Phone": PHONE,
    "CallToAction": {
        "type": "object",
        "required": ["id", "kind", "heading", "label", "url"],
        "properties": {
            "id": ID,
            "kind": {"type": "string", "enum": ["phone", "page", "url"]},
            "heading": {"type": "string"},
            "text": {"type": "string"},
            "label": {"type": "string"},
            "url": NULLABLE_STRING,
            "phone": ref("Phone"),
        },
        "additionalProperties": True,
    },
    "SiteSettings": {
        "type": "object",
        "required": [
            "locale",
            "site",
            "organization_name",
            "phone_24_7",
            "texts_locale",
            "phone_banner_text",
            "footer_text",
            "calls_to_action",
            "social_links",
        ],
        "properties": {
            "locale": {"type": "string"},
            "site": {
                "type": "object",
                "required": ["id", "name", "hostname", "port", "root_url", "home_page"],
                "properties": {
                    "id": ID,
                    "name": {"type": "string"},
                    "hostname": {"type": "string"},
                    "port": {"type": "integer"},
                    "root_url": {"type": "string"},
                    "home_page": {
                        "type": "object",
                        "required": ["id", "url", "locale"],
                        "properties": {
                            "id": ID,
                            "url": NULLABLE_STRING,
                            "locale": {"type": "string"},
                        },
                    },
                },
            },
            "organization_name": {"type": "string"},
            "phone_24_7": ref("Phone"),
            "texts_locale": {"type": "string"},
            "phone_banner_text": {"type": "string"},
            "footer_text": {"type": "string"},
            "calls_to_action": {"type": "array", "items": ref("CallToAction")},
            "social_links": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["platform", "url"],
                    "properties": {"platform": {"type": "string"}, "url": {"type": "string"}},
                },
            },
        },
    },
    "NearbyLocations": {
        "type": "object",
        "required": ["near", "meta", "items"],
        "properties": {
            "near": {
                "type": "object",
                "required": ["query", "label", "latitude", "longitude"],
                "properties": {
                    "query": {"type": "string"},
                    "label": {"type": "string"},
                    "latitude": {"type": "number"},
                    "longitude": {"type": "number"},
                },
            },
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "type", "title", "url", "distance_miles", "address"],
                    "properties": {
                        "id": ID,
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "url": NULLABLE_STRING,
                        "distance_miles": {"type": "number"},
                        "address": {"type": "object"},
                        "geo": {"type": ["object", "null"]},
                        "phones": {"type": "object"},
                    },
                    "additionalProperties": True,
                },
            },
        },
    },
}
RESPONSES = {
    "RateLimited": {
        "description": "A partner key past its requests per minute.",
        "headers": {"Retry-After": RETRY_AFTER},
        "content": {"application/json": {"schema": ref("Error")}},
    },
    "Error": {
        "description": "An error: 400 a bad parameter, 401 a bearer token that authenticates "
        "nobody, 404 no such item, site or locale, 410 a sync cursor past the retention.",
        "content": {"application/json": {"schema": ref("Error")}},
    },
    "Unavailable": {
        "description": "The search engine does not answer (only with ?search=).",
        "headers": {"Retry-After": UNAVAILABLE_RETRY_AFTER},
        "content": {"application/json": {"schema": ref("Error")}},
    },
}


@require_safe
def openapi_view(request):
    return JsonResponse(document())
