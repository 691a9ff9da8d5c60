"""API v3 batch reads (#16): ``GET /api/v3/pages/?id=20,47`` and ``&locale=*``, as in v2.

The listing answers ``{"items": [...], "count": N}`` whose items are exactly those
pages' detail answers (each typed by its own page type), in the order asked; with
``locale=*`` each page is followed by its published translations. The pages are
bulk-loaded together, so the batch costs what one listing page does.

Wagtail's ``list_pages`` builds a listing of base page fields and has no hook
for this, so an operation decorator on its page router answers a listing that
names ``id`` itself (``api.v3.extend`` registers it), after ninja has
authenticated the caller and parsed the query.
"""

import functools

from ninja import Schema
from ninja.errors import HttpError
from ninja.operation import ResponseObject
from wagtail.api.v2.utils import BadRequestError

from api.language import answer_in_language_of
from api.v2 import EVERY_LANGUAGE, BatchFilter, requested_ids
from serialization import prefetch

#: What a listing takes alongside ``id``: anything else is refused rather than ignored.
BATCH_PARAMETERS = frozenset({"id", "locale", "site", "rich_text_format"})


def answering_batches(api, list_url_name):
    """An operation decorator: the listing named ``list_url_name`` answers ``?id=`` batches.

    The answer is rendered here: the listing's own response model would cut each page
    down to the base fields of a listing item.
    """

    def decorate(view_func):
        @functools.wraps(view_func)
        def view(request, *args, **kwargs):
            match = request.resolver_match
            if request.method != "GET" or "id" not in request.GET:
                return view_func(request, *args, **kwargs)
            if match is None or match.url_name != list_url_name:
                return view_func(request, *args, **kwargs)
            return api.create_response(request, batch(request), status=200)

        return view

    return decorate


def batch(request):
    from wagtail.api.v3.routers import pages as pages_router

    refused = sorted(set(request.GET) - BATCH_PARAMETERS)
    if refused:
        raise HttpError(
            400, f"id= takes only {', '.join(sorted(BATCH_PARAMETERS))}: not {refused[0]}"
        )
    try:
        requested_ids(request.GET)
    except BadRequestError as error:
        raise HttpError(400, str(error)) from error
    queryset = pages_router.get_pages_queryset(request)
    locale = request.GET.get("locale")
    if locale and locale != EVERY_LANGUAGE:
        queryset = queryset.filter(locale__language_code=locale)
    pages = list(BatchFilter().filter_queryset(request, queryset, None).specific())
    prefetch.warm_pages(pages)
    answer_in_language_of(request, pages)
    response_model = detail_response_model(pages_router.PageDetailSchema)
    items = [detail_data(response_model, request, page) for page in pages]
    return {"items": items, "count": len(items)}


@functools.cache
def detail_response_model(detail_schema):
    """The response model ninja builds for the detail operation (``response=PageDetailSchema``)."""
    return type("NinjaResponseSchema", (Schema,), {"__annotations__": {"response": detail_schema}})


def detail_data(response_model, request, page):
    context = {"request": request, "response_status": 200}
    validated = response_model.model_validate(ResponseObject(page), context=context)
    return validated.model_dump(context=context)["response"]
