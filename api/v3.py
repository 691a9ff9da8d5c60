"""Our additions to Wagtail's API v3 instance.

Wagtail 8.0's v3 is a preview without hooks for extra filters or query
checks, so ``customise`` wraps its page operations in place: the public page
queryset reads view restrictions once per request (as v2 does), page listings
take our procedure filters and a stable order, every page GET refuses unknown
query parameters, and a page detail is bulk-loaded before it is serialized.
"""

import functools
import json
import re

from django.db import IntegrityError
from django.db.models import QuerySet
from ninja.errors import HttpError
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.validators import APIFieldValidator
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from api.filters import PROCEDURE_FILTERS, body_region_error, matching_procedures
from serialization import prefetch, visibility

WRITE_METHODS = ("POST", "PUT", "PATCH")
PAGE_WRITE_PATH = re.compile(r"^/api/v3/pages/(?:(?P<page_id>[0-9]{1,18})/)?$")
PAGE_PATH = re.compile(r"^/api/v3/pages/(?P<page_id>[^/]+)/(?P<rest>.*)$")
ROUTE_WORDS = {"find"}
# Actions that need the page to have a parent, which the tree's root has not.
ROOT_BREAKING_ACTIONS = {"actions/copy/", "actions/move/", "actions/create_alias/"}
SIBLING_POSITIONS = {"left", "right", "first-sibling", "last-sibling"}
# Writes that save a revision, which an alias cannot have (Wagtail 8.0 answers a 500).
REVISION_WRITES = {
    ("POST", "actions/publish/"),
    ("POST", "actions/revert/"),
    ("PUT", ""),
    ("PATCH", ""),
}


def query_problem(request):
    """The v2 checks of query values (NUL characters, lengths, overflowing numbers), as a 400."""
    from wagtail.api.v2.utils import BadRequestError

    from api.v2 import validate_query

    if request.method not in ("GET", "HEAD"):
        return None
    try:
        validate_query(request.GET)
    except BadRequestError as error:
        return problem_response(status=400, detail=str(error))
    return None


def write_problem(request):
    """A 4xx for writes that Wagtail 8.0 answers with a 500, or None to let Wagtail answer."""
    if request.method not in WRITE_METHODS and request.method != "DELETE":
        return None
    return (
        non_object_body_problem(request)
        or page_path_problem(request)
        or unknown_page_field_problem(request)
    )


def unknown_page_field_problem(request):
    """A 400 naming a field of a page write that the page type does not take.

    Wagtail 8.0 drops unknown fields silently, so a typo (or ``hero_image``
    for ``hero_image_id``) would save a page without the caller noticing.
    """
    match = PAGE_WRITE_PATH.match(request.path)
    if match is None or request.method not in WRITE_METHODS or not is_json(request):
        return None
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    model, schema_name = page_write_target(match["page_id"], body)
    if model is None:
        return None  # Wagtail answers an unknown type or page itself
    from wagtail.api.v3.registry import registry

    schema = getattr(registry.get(model._meta.label), schema_name, None)
    if schema is None:
        return None
    accepted = {field.alias or name: name for name, field in schema.model_fields.items()}
    for key in sorted(set(body) - set(accepted)):
        hint = next((alias for alias, name in accepted.items() if name == key), None)
        detail = (
            f"{key}: write it as {hint}"
            if hint
            else f"{key}: not a writable field of {model._meta.label}"
        )
        return problem_response(
            status=400, detail=detail, errors=[{"loc": ["body", key], "msg": detail}]
        )
    return None


def page_write_target(page_id, body):
    """The page model a write is for, and the name of its write schema in Wagtail's registry."""
    if page_id is None:
        meta = body.get("meta")
        label = meta.get("type") if isinstance(meta, dict) else None
        try:
            model = resolve_model_string(label) if isinstance(label, str) else None
        except (LookupError, ValueError):
            model = None
        return model, "create_schema"
    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    return (page.specific_class if page else None), "patch_schema"


def is_json(request):
    return request.content_type == "application/json"


def page_path_problem(request):
    match = PAGE_PATH.match(request.path)
    if match is None or match["page_id"] in ROUTE_WORDS:
        return None
    if not match["page_id"].isdigit():
        return problem_response(status=404, detail="The page id in the address must be a number.")
    if (
        request.method == "POST"
        and match["rest"] in ROOT_BREAKING_ACTIONS
        and Page.objects.filter(pk=match["page_id"], depth=1).exists()
    ):
        # The tree's root has no parent: it cannot be copied, moved or published.
        return problem_response(
            status=400, detail="The root of the page tree cannot be changed through the API."
        )
    if request.method == "POST" and match["rest"] == "actions/move/":
        return move_beside_root_problem(request)
    if (request.method, match["rest"]) in REVISION_WRITES:
        return alias_revision_problem(match["page_id"])
    return None


def alias_revision_problem(page_id):
    """A 400 for editing or publishing an alias, which follows its original and has no revisions."""
    original_id = Page.objects.filter(pk=page_id).values_list("alias_of_id", flat=True).first()
    if original_id is None:
        return None
    return problem_response(
        status=400,
        detail=f"Page {page_id} is an alias of page {original_id} and follows it: change "
        f"page {original_id}, or convert the alias into an ordinary page first.",
    )


def move_beside_root_problem(request):
    """A 400 for moving a page beside the tree's root, which Wagtail 8.0 answers with a 500."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None  # Wagtail answers malformed JSON itself
    if not isinstance(body, dict) or body.get("position") not in SIBLING_POSITIONS:
        return None
    destination = prefetch.as_id(body.get("destination_id"))
    if destination is None or not Page.objects.filter(pk=destination, depth=1).exists():
        return None
    return problem_response(
        status=400,
        detail="position: a page cannot become a sibling of the tree's root; "
        "move it inside a page instead.",
    )


def non_object_body_problem(request):
    """A 400 for a write whose JSON body is not an object, which Wagtail 8.0 answers with a 500.

    Malformed JSON is left to Wagtail, which answers it properly.
    """
    if request.content_type != "application/json":
        return None
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    if isinstance(body, dict):
        return None
    return problem_response(status=400, detail="The request body must be a JSON object.")


def customise(api):
    customise_pages(api)

    @api.exception_handler(ValueError)
    def wrong_value(request, exc):
        # Wagtail 8.0's v3 filters hand some query values to int() unchecked
        # (e.g. ?translation_of=null, ?user_id=x): the caller's error, so a 400.
        return problem_response(
            status=400, detail=f"A value in the request has the wrong type or form: {exc}"
        )

    @api.exception_handler(IntegrityError)
    def conflict(request, exc):
        # A write that collides with what exists (e.g. a second translation of
        # a page into the same locale) is the caller's conflict, not a crash.
        return problem_response(
            status=409,
            detail="This would duplicate something that already exists "
            "(for example a translation of this page into that locale).",
        )


def customise_pages(api):
    """Wrap v3's page operations (see the module's docstring); safe to call more than once."""
    patch_pages_queryset_and_paging()
    for operation in page_operations(api):
        if getattr(operation, "foramen_checked", False):
            continue
        operation.foramen_checked = True
        operation.run = refusing_unknown_parameters(operation, operation.run)
        if operation.url_name == "detail_page":
            operation.view_func = warming(operation.view_func)


def patch_pages_queryset_and_paging():
    # Imported here: the router builds its page schemas on import, which must
    # come after the apps' ready() has registered our field schemas.
    from wagtail.api.v3.routers import pages as pages_router

    if getattr(pages_router, "foramen_patched", False):
        return
    pages_router.foramen_patched = True
    wagtail_pages_queryset = pages_router.get_pages_queryset

    def pages_queryset(request, model=Page):
        if request.user.is_authenticated:
            queryset = wagtail_pages_queryset(request, model)
        else:
            try:
                queryset = visibility.public_pages(request, model)
            except ValueError as error:  # ?site= matches several sites
                raise HttpError(400, str(error)) from error
            queryset = queryset.select_related("content_type", "locale").order_by("pk")
        match = request.resolver_match
        if match is not None and match.url_name == "list_pages":
            queryset = filter_procedures(request, queryset)
        return queryset

    pages_router.get_pages_queryset = pages_queryset
    paginate = WagtailLimitOffsetPagination.paginate_queryset

    @functools.wraps(paginate)
    def paginate_stably(self, queryset, *args, **kwargs):
        return paginate(self, with_id_tie_break(queryset), *args, **kwargs)

    WagtailLimitOffsetPagination.paginate_queryset = paginate_stably


def page_operations(api):
    """The page operations that serve requests: Ninja binds a copy of each router to the API."""
    for router in api._get_bound_routers():
        if router.prefix.strip("/") != "pages":
            continue
        for path_view in router.path_operations.values():
            yield from path_view.operations


def filter_procedures(request, queryset):
    procedures = matching_procedures(
        condition=id_parameter(request, "condition"),
        location=id_parameter(request, "location"),
        body_region=request.GET.get("body_region"),
    )
    return queryset if procedures is None else queryset.filter(pk__in=procedures)


def id_parameter(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    pk = prefetch.as_id(raw)
    if pk is None:
        raise HttpError(400, f"{name} must be a positive integer (a page id)")
    return pk


def with_id_tie_break(queryset):
    """The queryset ordered with the id last, so that pages of a listing never overlap."""
    if not isinstance(queryset, QuerySet):  # search results keep their relevance order
        return queryset
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if "?" in ordering or {"pk", "-pk", "id", "-id"} & set(map(str, ordering)):
        return queryset
    return queryset.order_by(*ordering, "pk")


def declared_query_parameters(operation):
    names = set()
    for model in operation.signature.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flattened = getattr(model, "__ninja_flatten_map__", None)
        names.update(flattened or model.model_fields)
    return names


def refusing_unknown_parameters(operation, run):
    declared = declared_query_parameters(operation)
    listing = operation.url_name == "list_pages"
    if listing:
        declared.update(PROCEDURE_FILTERS)

    @functools.wraps(run)
    def checked_run(request, **kwargs):
        if request.method != "GET":
            return run(request, **kwargs)
        unknown = set(request.GET) - declared
        if listing:
            unknown -= set(field_filters(request, unknown))
            region_problem = body_region_error(request.GET.get("body_region"))
            if region_problem:
                return parameter_problem("body_region", region_problem)
        if unknown:
            name = sorted(unknown)[0]
            return parameter_problem(name, f"Unknown query parameter: {name}")
        return run(request, **kwargs)

    return checked_run


def field_filters(request, names):
    """Which of ``names`` Wagtail takes as field filters: with one ``type``, its API fields."""
    from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS

    types = request.GET.getlist("type")
    model = Page
    if len(types) == 1:
        try:
            model = resolve_model_string(types[0])
        except (LookupError, ValueError):
            return []  # Wagtail answers the unknown type itself
    return APIFieldValidator(
        model=model,
        fields=sorted(names),
        base_fields=BASE_PAGE_READ_FIELDS,
        db_fields_only=True,
        skip_invalid=True,
    ).fields


def parameter_problem(name, message):
    return problem_response(
        status=400, detail=message, errors=[{"loc": ["query", name], "msg": message}]
    )


def warming(view_func):
    """A page detail loads everything it points at in bulk before it is serialized."""

    @functools.wraps(view_func)
    def view(request, **kwargs):
        page = view_func(request, **kwargs)
        if isinstance(page, Page) and page.pk is not None:
            prefetch.warm_pages([page])
        return page

    return view
