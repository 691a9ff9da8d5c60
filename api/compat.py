"""Everything Foramen does to API v3 only because of how Wagtail 8.0 behaves, in one place.

Two kinds of workaround live here; what Wagtail and django-ninja let us add the
supported way (decorators on Wagtail's page router, exception handlers) is in
``api.v3``.

* **Patches** replace something of Wagtail's at run time, because Wagtail 8.0
  offers no hook for what we need. Each is a function registered with
  ``@patch(owner, name, parameters=...)``: it receives Wagtail's function and
  returns the replacement, and its docstring names the Wagtail behaviour it
  works around. ``ApiConfig.ready()`` applies them with ``apply_patches()``
  (idempotently); importing this module changes nothing. A patch whose target
  is gone, or no longer takes the parameters the patch relies on, is never
  skipped: ``apply_patches()`` raises ``ImproperlyConfigured``, and the system
  check of ``api.checks`` reports it (``manage.py check`` fails).
* **Request guards** patch nothing: ``api.http``'s middleware asks them before
  Wagtail sees a v3 write, because Wagtail 8.0 would answer the request with a
  500 or silently drop part of it.

On a Wagtail upgrade: change ``SUPPORTED_WAGTAIL`` with requirements.txt and
re-read each docstring below; drop what the new version no longer needs.
"""

import functools
import importlib
import inspect
import json
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.module_loading import import_string
from ninja.errors import HttpError
from wagtail.api.v3.errors import problem_response
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from api.partner_access import scoped_pages
from serialization import prefetch, visibility

#: The Wagtail release (major, minor) these workarounds were written for; it
#: matches the pin in requirements.txt (tests/api/test_compat.py).
SUPPORTED_WAGTAIL = (8, 0)

#: Names of Wagtail's that the request guards read, with no patch to fail if they go.
RELIED_ON = (
    # unknown_field_problem, scalar_type_problem: the write schemas of each page,
    # snippet, image and document type.
    "wagtail.api.v3.registry.registry",
    "wagtail.api.v3.registry.ContentTypeRegistration.create_schema",
    "wagtail.api.v3.registry.ContentTypeRegistration.patch_schema",
)

# Marks a replacement so that applying twice wraps once and checks can find it.
MARKER = "__foramen_patch__"


# Patches ------------------------------------------------------------------------


@dataclass(frozen=True)
class Patch:
    """One replacement of ``owner.name`` (a module global or a class attribute)."""

    owner: str
    name: str
    #: The leading parameters of Wagtail's function that the replacement relies on.
    parameters: tuple[str, ...]
    replace: Callable[[Callable], Callable]

    @property
    def label(self):
        return self.replace.__name__

    @property
    def target(self):
        return f"{self.owner}.{self.name}"

    @property
    def reason(self):
        return inspect.getdoc(self.replace)

    def current(self):
        """What ``owner.name`` is now; raises ImportError or AttributeError when it is gone."""
        return getattr(resolve(self.owner), self.name)

    def is_applied(self):
        try:
            current = self.current()
        except (ImportError, AttributeError):
            return False
        return any(getattr(function, MARKER, None) == self.label for function in chain(current))

    def wagtail_function(self):
        """Wagtail's own function under any replacements (ours or another library's)."""
        return next(
            (function for function in chain(self.current()) if not hasattr(function, MARKER)),
            None,
        )

    def problems(self):
        """Why the patch cannot apply as written: an empty list when it can."""
        try:
            owner = resolve(self.owner)
            original = self.wagtail_function()
        except ImportError as error:
            return [f"{self.target}: {self.owner} cannot be imported ({error})."]
        except AttributeError:
            return [f"{self.target} no longer exists."]
        if inspect.isclass(owner) and self.name not in vars(owner):
            # Patching it would now override what the class inherits, not Wagtail's method.
            return [f"{self.target} no longer exists (the class only inherits {self.name})."]
        if not callable(original):
            return [f"{self.target} is no longer a function."]
        try:
            names = tuple(inspect.signature(original).parameters)
        except (TypeError, ValueError):
            names = ()
        if names[: len(self.parameters)] != self.parameters:
            return [
                f"{self.target} takes ({', '.join(names)}); the patch {self.label} relies on "
                f"({', '.join(self.parameters)}, ...)."
            ]
        return []

    def apply(self):
        if self.is_applied():
            return
        current = self.current()
        replacement = self.replace(current)
        replacement.__wrapped__ = current
        setattr(replacement, MARKER, self.label)
        setattr(resolve(self.owner), self.name, replacement)


#: Every patch, in the order ``apply_patches()`` applies them.
PATCHES: list[Patch] = []


def patch(owner, name, *, parameters):
    """Register the decorated function as the patch of ``owner.name``."""

    def register(replace):
        PATCHES.append(Patch(owner, name, tuple(parameters), replace))
        return replace

    return register


def resolve(dotted):
    """The module, or the object inside a module (a class), that ``dotted`` names."""
    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError as error:
        if error.name != dotted:
            raise
    return import_string(dotted)


def chain(function):
    """``function`` and every function it wraps (``__wrapped__``), outermost first."""
    seen = set()
    while function is not None and id(function) not in seen:
        seen.add(id(function))
        yield function
        function = getattr(function, "__wrapped__", None)


def patch_problems():
    return [problem for item in PATCHES for problem in item.problems()]


def apply_patches():
    """Apply every patch once; refuse loudly, applying none, if any cannot apply as written."""
    problems = patch_problems()
    if problems:
        raise ImproperlyConfigured(
            "Foramen's workarounds for Wagtail 8.0 (api/compat.py) no longer fit the "
            "installed Wagtail:\n" + "\n".join(problems)
        )
    for item in PATCHES:
        item.apply()


@patch("wagtail.api.v3.routers.pages", "get_pages_queryset", parameters=("request", "model"))
def pages_queryset(wagtail_get_pages_queryset):
    """The public sees what v2 shows it, and the page listing takes our procedure filters.

    Wagtail 8.0's v3 page router (wagtail/api/v3/routers/pages.py) imports
    ``get_pages_queryset`` from wagtail/api/v3/querysets.py into its module and calls
    that global from list_pages, find_page, get_page, the revision operations and
    ``PageFilterSchema.get_public_page``: no setting or registry chooses the public
    queryset, and list_pages takes no extra filters (its ``PageFilterSchema`` is fixed
    in its signature, and ``@paginate`` slices the queryset inside the operation, so an
    operation decorator only sees the finished page of results).

    Anonymous callers get ``serialization.visibility.public_pages`` (view restrictions
    read once per request and applied to everyone, as v2 does) instead of Wagtail's
    ``get_public_pages_queryset``, narrowed to its scope for a partner key
    (``api.partner_access``); token holders keep Wagtail's queryset. The listing
    (url name ``api.v3.LIST_PAGES``) is then narrowed by ?condition, ?location and
    ?body_region, which ``api.v3`` admits as query parameters.
    """
    from api.v3 import LIST_PAGES, filter_procedures

    @functools.wraps(wagtail_get_pages_queryset)
    def get_pages_queryset(request, model=Page):
        if request.user.is_authenticated:
            queryset = wagtail_get_pages_queryset(request, model)
        else:
            try:
                queryset = visibility.public_pages(request, model)
            except ValueError as error:  # ?site= matches several sites
                raise HttpError(400, str(error)) from error
            queryset = scoped_pages(request, queryset)
            queryset = queryset.select_related("content_type", "locale").order_by("pk")
        match = request.resolver_match
        if match is not None and match.url_name == LIST_PAGES:
            queryset = filter_procedures(request, queryset)
        return queryset

    return get_pages_queryset


@patch(
    "wagtail.api.v3.pagination.WagtailLimitOffsetPagination",
    "paginate_queryset",
    parameters=("self", "queryset"),
)
def stable_paging(wagtail_paginate_queryset):
    """Every v3 listing is ordered with the id last, so that its pages never overlap.

    Wagtail 8.0's v3 routers (pages, images, documents, snippets, redirects, sites,
    locales) pass ``WagtailLimitOffsetPagination`` to ninja's ``@paginate`` themselves
    when their modules are imported, so ninja's ``NINJA_PAGINATION_CLASS`` setting does
    not reach them; and ``OrderingSchema.order_queryset`` (wagtail/api/v3/schemas/
    params.py) orders by the requested fields alone, so rows sharing a value (?order=
    body_region) come back in any order and pages repeat or skip them.
    """

    @functools.wraps(wagtail_paginate_queryset)
    def paginate_queryset(self, queryset, *args, **kwargs):
        return wagtail_paginate_queryset(self, with_id_tie_break(queryset), *args, **kwargs)

    return paginate_queryset


def with_id_tie_break(queryset):
    """The queryset ordered with the id last, so that pages of a listing never overlap."""
    if not isinstance(queryset, QuerySet):  # search results keep their relevance order
        return queryset
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if "?" in ordering or {"pk", "-pk", "id", "-id"} & set(map(str, ordering)):
        return queryset
    return queryset.order_by(*ordering, "pk")


# Request guards ---------------------------------------------------------------

WRITE_METHODS = ("POST", "PUT", "PATCH")
PAGE_WRITE_PATH = re.compile(r"^/api/v3/pages/(?:(?P<page_id>[0-9]{1,18})/)?$")
SNIPPET_WRITE_PATH = re.compile(r"^/api/v3/snippets/(?P<type>[^/]+)/(?:(?P<pk>[^/]+)/)?$")
MEDIA_WRITE_PATH = re.compile(r"^/api/v3/(?P<kind>images|documents)/[0-9]{1,18}/$")
PAGE_PATH = re.compile(r"^/api/v3/pages/(?P<page_id>[^/]+)/(?P<rest>.*)$")
ROUTE_WORDS = {"find"}
# Actions that need the page to have a parent, which the tree's root has not.
ROOT_BREAKING_ACTIONS = {"actions/copy/", "actions/move/", "actions/create_alias/"}
SIBLING_POSITIONS = {"left", "right", "first-sibling", "last-sibling"}
# Writes that save a revision, which an alias cannot have.
REVISION_WRITES = {
    ("POST", "actions/publish/"),
    ("POST", "actions/revert/"),
    ("PUT", ""),
    ("PATCH", ""),
}


def is_json(request):
    return request.content_type == "application/json"


# What json_body gives for malformed JSON, which Wagtail answers properly itself.
MALFORMED = object()
# What json_body gives for JSON nested beyond what Python's parser can follow.
TOO_DEEP = object()
#: Far deeper than any write needs (a StreamField nests a few levels per block), and
#: shallow enough that validating and saving the body cannot exhaust Python's stack.
MAX_JSON_DEPTH = 100
TOO_DEEP_DETAIL = f"The request body nests JSON more than {MAX_JSON_DEPTH} levels deep."


def once_per_request(function):
    """``function(request)``, computed once per request and kept on it.

    Every write guard reads the body, and two look up the write's schema: without
    this, one v3 write parsed its body four times and fetched its target twice.
    """
    attribute = f"_foramen_{function.__name__}"

    @functools.wraps(function)
    def kept(request):
        if attribute not in request.__dict__:
            request.__dict__[attribute] = function(request)
        return request.__dict__[attribute]

    return kept


@once_per_request
def json_body(request):
    """The request's JSON body (an empty body reads as ``{}``), MALFORMED or TOO_DEEP."""
    try:
        return json.loads(request.body or b"{}")
    except RecursionError:
        return TOO_DEEP
    except ValueError:
        return MALFORMED


def json_value_problem(value):
    """What is wrong with a parsed JSON body, or None: too deep, or a NUL in a string.

    Walked with a list rather than by recursion, for the same reason as the depth limit.
    """
    pending = [(value, (), 1)]
    while pending:
        item, location, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            return (), TOO_DEEP_DETAIL
        if isinstance(item, str) and "\x00" in item:
            return location, f"{'.'.join(map(str, location)) or 'body'}: contains a NUL character"
        if isinstance(item, dict):
            for key, child in item.items():
                if "\x00" in key:
                    return location, "A field name in the body contains a NUL character."
                pending.append((child, (*location, key), depth + 1))
        elif isinstance(item, list):
            pending.extend((child, (*location, i), depth + 1) for i, child in enumerate(item))
    return None


def unusable_body_problem(request):
    """A 400 for a v3 write whose JSON body Python or the database cannot take.

    Nested too deeply, it raised RecursionError in the parser (before authentication,
    so anyone could cause a 500); a NUL character in any string reached PostgreSQL,
    whose text columns refuse it (DataError, a 500), and SQLite, which stored it.
    """
    if not is_json(request):
        return None
    body = json_body(request)
    if body is MALFORMED:
        return None
    if body is TOO_DEEP:
        return problem_response(status=400, detail=TOO_DEEP_DETAIL)
    problem = json_value_problem(body)
    if problem is None:
        return None
    location, detail = problem
    return problem_response(
        status=400, detail=detail, errors=[{"loc": ["body", *location], "msg": detail}]
    )


def non_object_body_problem(request):
    """A 400 for a v3 write whose JSON body is not an object.

    Wagtail 8.0 answers a body such as ``[]`` or ``3`` with a 500 (ninja's body
    parsing expects an object). Malformed JSON is left to Wagtail, which answers it.
    """
    if not is_json(request):
        return None
    body = json_body(request)
    if body in (MALFORMED, TOO_DEEP) or isinstance(body, dict):
        return None
    return problem_response(status=400, detail="The request body must be a JSON object.")


def page_path_problem(request):
    """A 4xx for writes to a page address that Wagtail 8.0 mishandles.

    Its page routes match any text as the page id (a 404 here, as for an unknown
    page); copying, moving or aliasing the tree's root, moving a page beside the
    root, and saving a revision of an alias fail inside its actions with a 500.
    """
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
    """A 400 for moving a page beside the tree's root."""
    body = json_body(request)
    # Wagtail's move action reads no position as a sibling position as well.
    if not isinstance(body, dict) or body.get("position") not in {None, *SIBLING_POSITIONS}:
        return None
    destination = prefetch.as_id(body.get("destination_id"))
    if destination is None or not Page.objects.filter(pk=destination, depth=1).exists():
        return None
    return problem_response(
        status=400,
        detail="position: a page cannot become a sibling of the tree's root; "
        "move it inside a page instead.",
    )


@once_per_request
def write_schema(request):
    """For a JSON write to a page, snippet, image or document: (model, body, write schema).

    None when the request is no such write, its body is no object, or Wagtail answers
    it itself (an unknown type, page or snippet).
    """
    if request.method not in WRITE_METHODS or not is_json(request):
        return None
    target = write_target(request)
    if target is None:
        return None
    body = json_body(request)
    if not isinstance(body, dict):
        return None
    model, schema_name = target(body)
    if model is None:
        return None
    from wagtail.api.v3.registry import registry

    registration = registry.get(model._meta.label)
    schema = getattr(registration, schema_name) if registration is not None else None
    if schema is None:
        return None
    return model, body, schema


def unknown_field_problem(request):
    """A 400 naming a field of a page, snippet, image or document write that its type does not take.

    Wagtail 8.0 drops unknown fields silently, so a typo (or ``hero_image`` for
    ``hero_image_id``, which it reads back as ``hero_image``) would save a page
    or a snippet without the caller noticing.
    """
    written = write_schema(request)
    if written is None:
        return None
    model, body, schema = written
    accepted = {field.alias or name: name for name, field in schema.model_fields.items()}
    unknown = sorted(set(body) - set(accepted))
    if not unknown:
        return None
    return field_errors_response(
        [(key, unknown_field_message(key, accepted, model)) for key in unknown]
    )


def scalar_type_problem(request):
    """A 422 naming a number or true/false field written with a value of another JSON type.

    pydantic reads write bodies leniently: ``true`` saves as 1 in a number field
    (an image's focal point), ``1`` or ``"yes"`` as true, ``"12"`` as 12, although
    the OpenAPI document promises numbers and booleans.
    """
    written = write_schema(request)
    if written is None:
        return None
    _model, body, schema = written
    problems = []
    for name, field in schema.model_fields.items():
        key = field.alias or name
        if key in body and body[key] is not None:
            expected = json_scalar_type(field.annotation)
            if expected is not None and not is_json_scalar(body[key], expected):
                problems.append((key, f"{key}: must be {expected}"))
    # 422, as Wagtail answers the wrong types it does catch (a string for a number).
    return field_errors_response(problems, status=422) if problems else None


def json_scalar_type(annotation):
    """The JSON type ("a number", "an integer", "true or false") a field asks for, or None."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = set(typing.get_args(annotation)) - {type(None)}
    else:
        members = {annotation}
    if members == {bool}:
        return "true or false"
    if members == {int}:
        return "an integer"
    if members and members <= {int, float}:
        return "a number"
    return None


def is_json_scalar(value, expected):
    if expected == "true or false":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (expected == "a number" and isinstance(value, float))


def field_errors_response(problems, status=400):
    """An answer of ``status`` naming each (field name, message) pair."""
    return problem_response(
        status=status,
        detail="; ".join(message for _key, message in problems),
        errors=[{"loc": ["body", key], "msg": message} for key, message in problems],
    )


def unknown_field_message(key, accepted, model):
    hint = next((alias for alias, name in accepted.items() if name == key), None)
    if hint:
        return f"{key}: write it as {hint}"
    return f"{key}: not a writable field of {model._meta.label}"


def write_target(request):
    """For a page or snippet write address: body -> (model, write schema name); else None."""
    match = PAGE_WRITE_PATH.match(request.path)
    if match is not None:
        return functools.partial(page_write_target, match["page_id"])
    match = SNIPPET_WRITE_PATH.match(request.path)
    if match is not None:
        return functools.partial(snippet_write_target, match["type"], match["pk"])
    match = MEDIA_WRITE_PATH.match(request.path)
    if match is not None and request.method == "PATCH":
        return functools.partial(media_write_target, match["kind"])
    return None


def media_write_target(kind, _body):
    """An image's or document's update (their creation is a form upload, not JSON)."""
    model = get_image_model() if kind == "images" else get_document_model()
    return model, "patch_schema"


def snippet_write_target(label, pk, _body):
    try:
        model = resolve_model_string(label)
    except (LookupError, ValueError):
        model = None
    return model, ("patch_schema" if pk is not None else "create_schema")


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


#: The guards of v3 writes (and deletes), asked in this order; the first answer wins.
WRITE_GUARDS = [
    unusable_body_problem,
    non_object_body_problem,
    page_path_problem,
    unknown_field_problem,
    scalar_type_problem,
]


def write_problem(request):
    """A 4xx for a v3 write that Wagtail 8.0 would mishandle, or None to let Wagtail answer."""
    if request.method not in WRITE_METHODS and request.method != "DELETE":
        return None
    for guard in WRITE_GUARDS:
        problem = guard(request)
        if problem is not None:
            return problem
    return None
