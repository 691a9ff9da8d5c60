"""Our additions to Wagtail's API v3 instance."""

import json
import re

from django.db import IntegrityError
from wagtail.api.v3.errors import problem_response
from wagtail.models import Page

WRITE_METHODS = ("POST", "PUT", "PATCH")
PAGE_PATH = re.compile(r"^/api/v3/pages/(?P<page_id>[^/]+)/(?P<rest>.*)$")
ROUTE_WORDS = {"find"}
# Actions that need the page to have a parent, which the tree's root has not.
ROOT_BREAKING_ACTIONS = {"actions/copy/", "actions/move/", "actions/create_alias/"}


def query_problem(request):
    """The v2 checks of query values (NUL characters, lengths, overflowing numbers), as a 400."""
    from wagtail.api.v2.utils import BadRequestError

    from cms.api.v2 import validate_query

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
    return non_object_body_problem(request) or page_path_problem(request)


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
    return None


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
