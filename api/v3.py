"""Foramen's additions to Wagtail's API v3, through django-ninja's own extension points.

``extend(api)``, called from ``ApiConfig.ready()`` before the URLs are built:

* every GET of Wagtail's page router refuses a query parameter its operation
  does not declare in the OpenAPI document (a decorator in ninja's "view" mode on
  that router: it runs before authentication and validation); the page listing
  also admits our procedure filters and Wagtail's field filters;
* a page detail loads everything it points at in bulk before it is serialized
  (a decorator in ninja's "operation" mode on the same router);
* a create or update answers with the page's publication state as stored, so that
  one that published says when (another operation decorator);
* errors that are the caller's become 4xx answers, among them the refusal to
  delete a page that holds lead submissions (leads.protection), and a search
  engine or an object store that does not answer a 503 (exception handlers);
* the page listing answers ``?id=20,47`` (``&locale=*``) batches with each page's
  detail answer (``api.v3_batch``, an operation decorator on the same router);
* the OpenAPI document completed into a contract (``api.openapi``);
* every date-time of an answer in UTC (``api.field_schemas.UTCJSONRenderer``);
* Wagtail's own locale endpoints (``/locales/``), which its ``wagtail.locales``
  app would register: wagtail-localize's locale admin replaces that app here.

What Wagtail 8.0 offers no hook for (the public page queryset, the listing's
extra filters, a stable order for paging) is patched in ``api.compat``; the
checks of query values shared with v2 are ``query_problem``, which
``api.http``'s middleware asks before any v3 request reaches Wagtail.
"""

import functools
import inspect
import re

from django.db import IntegrityError
from ninja.errors import HttpError
from wagtail.api.v3.errors import problem_response
from wagtail.api.validators import APIFieldValidator
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from api.field_schemas import UTCJSONRenderer
from api.filters import PROCEDURE_FILTERS, body_region_error, matching_procedures
from api.language import answer_in_language_of
from api.openapi import FIELD_FILTER_TYPES, completing
from api.v3_batch import BATCH_PARAMETERS, answering_batches
from core.storage import (
    OBJECT_STORE_RETRY_AFTER,
    OBJECT_STORE_UNAVAILABLE,
    OBJECT_STORE_UNAVAILABLE_MESSAGE,
)
from leads.protection import FormPageDeletionRefused
from search.engine import ENGINE_ERRORS, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER
from serialization import prefetch

#: The url name of Wagtail's page listing (``wagtailapi_v3:list_pages``).
LIST_PAGES = "list_pages"
DETAIL_PAGE = "detail_page"

# The APIs extended so far: extend() is safe to call more than once.
extended = set()


def extend(api):
    """Add Foramen's behaviour to Wagtail's v3 ``api`` (see the module's docstring)."""
    if id(api) in extended:
        return
    extended.add(id(api))
    from wagtail.api.v3.routers.pages import router as pages_router
    from wagtail.locales.api.v3.router import router as locales_router

    completing(api)
    api.renderer = UTCJSONRenderer()
    pages_router.add_decorator(refusing_unknown_parameters(api), mode="view")
    pages_router.add_decorator(warming_page_details, mode="operation")
    pages_router.add_decorator(answering_publication_as_stored, mode="operation")
    pages_router.add_decorator(answering_batches(api, LIST_PAGES), mode="operation")
    api.add_router("/locales/", locales_router)
    api.add_exception_handler(ValueError, wrong_value)
    api.add_exception_handler(IntegrityError, conflict)
    for engine_error in ENGINE_ERRORS:
        api.add_exception_handler(engine_error, search_unavailable)
    api.add_exception_handler(FormPageDeletionRefused, form_page_deletion_refused)
    for store_error in OBJECT_STORE_UNAVAILABLE:
        api.add_exception_handler(store_error, object_store_unavailable)


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


# Exception handlers -------------------------------------------------------------


def wrong_value(request, exc):
    # Wagtail 8.0's v3 filters hand some query values to int() unchecked
    # (e.g. ?translation_of=null, ?user_id=x): the caller's error, so a 400.
    return problem_response(
        status=400, detail=f"A value in the request has the wrong type or form: {exc}"
    )


def conflict(request, exc):
    # A write that collides with what exists (e.g. a second translation of
    # a page into the same locale) is the caller's conflict, not a crash.
    return problem_response(
        status=409,
        detail="This would duplicate something that already exists "
        "(for example a translation of this page into that locale).",
    )


def search_unavailable(request, exc):
    # ?search= while the search engine is down: ours, and passing (search.engine).
    return retry_after(
        problem_response(status=503, detail=UNAVAILABLE_MESSAGE), UNAVAILABLE_RETRY_AFTER
    )


def object_store_unavailable(request, exc):
    # An image or document upload while the object store does not answer: the file was
    # not written, and so neither was its row (Django saves a file before its row).
    return retry_after(
        problem_response(status=503, detail=OBJECT_STORE_UNAVAILABLE_MESSAGE),
        OBJECT_STORE_RETRY_AFTER,
    )


def retry_after(response, seconds):
    response["Retry-After"] = str(seconds)
    return response


def form_page_deletion_refused(request, exc):
    # A lead form's submissions would go with the page: 409 for its lead managers
    # (who can export and delete them first), 403 for anyone else.
    return problem_response(status=exc.status, detail=str(exc))


# Query parameters of page GETs --------------------------------------------------


def refusing_unknown_parameters(api):
    """A ninja "view" decorator: a page GET with a query parameter it does not take is a 400."""

    def decorate(run):
        @functools.wraps(run)
        def checked_run(request, *args, **kwargs):
            if request.method == "GET":
                problem = parameter_problem(api, request)
                if problem is not None:
                    return problem
            return run(request, *args, **kwargs)

        return checked_run

    return decorate


def parameter_problem(api, request):
    match = request.resolver_match
    unknown = set(request.GET) - declared_parameters(api, match.route)
    if match.url_name == DETAIL_PAGE:
        # find keeps ?site= in its redirect: the detail answers for the pages of that site,
        # as the listing does (serialization.visibility.public_pages).
        unknown.discard("site")
    if match.url_name == LIST_PAGES:
        unknown -= set(PROCEDURE_FILTERS) | BATCH_PARAMETERS
        unknown -= set(field_filters(request, unknown))
        region_problem = body_region_error(request.GET.get("body_region"))
        if region_problem:
            return problem_for("body_region", region_problem)
    if unknown:
        name = sorted(unknown)[0]
        return problem_for(name, f"Unknown query parameter: {name}")
    return None


def declared_parameters(api, route):
    """The query parameters the GET at Django ``route`` declares in the API's OpenAPI document."""
    path = "/" + re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", route)
    try:
        return openapi_query_parameters(api)[path]
    except KeyError:
        raise LookupError(f"The OpenAPI document of API v3 has no GET {path}") from None


@functools.cache
def openapi_query_parameters(api):
    """{path: the query parameter names of its GET} from ``api``'s OpenAPI document."""
    document = api.get_openapi_schema()
    return {
        path: frozenset(
            parameter["name"]
            for parameter in operations["get"].get("parameters", ())
            # A field filter is admitted only with the type it belongs to (field_filters).
            if parameter.get("in") == "query" and FIELD_FILTER_TYPES not in parameter
        )
        for path, operations in document["paths"].items()
        if "get" in operations
    }


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


def problem_for(name, message):
    return problem_response(
        status=400, detail=message, errors=[{"loc": ["query", name], "msg": message}]
    )


# The listing's procedure filters (applied by api.compat's pages_queryset patch) --


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


# Page details -------------------------------------------------------------------


def warming_page_details(view_func):
    """A ninja "operation" decorator: a page read by GET is bulk-loaded before it is serialized.

    Of the page router's GETs only the page detail answers with a page (live, or
    its draft with ?version=draft).
    """
    if inspect.iscoroutinefunction(view_func):
        return view_func

    @functools.wraps(view_func)
    def view(request, *args, **kwargs):
        result = view_func(request, *args, **kwargs)
        if request.method == "GET" and isinstance(result, Page) and result.pk is not None:
            prefetch.warm_pages([result])
            answer_in_language_of(request, [result])
        return result

    return view


#: What a publish changes on the page's row, not on the revision a write answers with.
PUBLICATION_FIELDS = (
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision_id",
    "latest_revision_id",
)


def answering_publication_as_stored(view_func):
    """A ninja "operation" decorator: a write answers with the page's publication state as
    the database now holds it.

    Wagtail's create and update answer with the form's instance, the page as its new
    revision holds it; a publish then sets the dates on the page's row, so the answer
    said `first_published_at: null` for a page it had just published.
    """
    if inspect.iscoroutinefunction(view_func):
        return view_func

    @functools.wraps(view_func)
    def view(request, *args, **kwargs):
        result = view_func(request, *args, **kwargs)
        page = getattr(result, "value", result)  # a create answers Status(201, page)
        if request.method in ("POST", "PATCH") and isinstance(page, Page) and page.pk:
            stored = Page.objects.filter(pk=page.pk).values(*PUBLICATION_FIELDS).first() or {}
            for name, value in stored.items():
                setattr(page, name, value)
        return result

    return view
