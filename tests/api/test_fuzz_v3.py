"""Fuzz the v3 API (Wagtail 8's django-ninja API) with schemathesis, from its OpenAPI document.

Every operation of /api/v3/openapi.json is exercised twice: anonymously, and with a bearer
token of a superuser created in the test database. Besides schemathesis's own checks (no 5xx,
responses that match the document, invalid input rejected), every answer must be JSON, every
4xx must say what was wrong, and an anonymous caller must never get a 2xx from an operation
that needs a token.

Requests go in-process through the WSGI application of cms.wsgi (werkzeug's test client), on
the thread that holds the test's database connection, so they run inside the test's
transaction. Each example also runs in a savepoint that is rolled back, so one example's
writes (a deleted home page, a moved tree) never change what the next one sees, and a
database error in one example cannot poison the next (PostgreSQL aborts the transaction).

Generation is deterministic (a fixed seed, no example database): every run sends the same
requests. The explicit tests at the end pin the malformed writes the issue lists.
"""

import json
import sys
import traceback
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import AcceptedNegativeData
from wagtail.models import APIToken

from cms.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

OPENAPI_PATH = "/api/v3/openapi.json"
JSON_TYPES = ("application/json", "application/problem+json")
SEED = 20260501
# Fuzzing-phase examples per operation; the coverage phase adds its own deterministic set.
MAX_EXAMPLES = 12
# Small integers hit the demo content (page, image, snippet, revision and site ids).
EXISTING_ID = st.integers(min_value=1, max_value=30)
NO_RESPONSE_DATA = {"responses": False}


def fuzz_config(*, coverage, max_examples=MAX_EXAMPLES):
    """A run's settings; `coverage` says which operations get the coverage phase: "all",
    "reads" (GET) or "none".

    "reads" suits an anonymous run: an anonymous write stops at authentication, so hundreds
    of boundary bodies per write operation would only add time.
    """
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": "all",
                "max-examples": max_examples,
                "deterministic": True,
                "database": "none",
                # An anonymous caller sends no Authorization header at all.
                "with-security-parameters": False,
            },
            # No learning from answers (4xx feedback, values reused from responses): answers
            # carry timestamps, so generation would differ from run to run.
            "phases": {
                "examples": {"enabled": True, "extra-data-sources": NO_RESPONSE_DATA},
                "coverage": {"enabled": coverage == "all", "extra-data-sources": NO_RESPONSE_DATA},
                "fuzzing": {
                    "enabled": True,
                    "extra-data-sources": NO_RESPONSE_DATA,
                    "error-feedback": {"enabled": False},
                },
                "stateful": {"enabled": False},
            },
            "operations": [
                {"include-method": "GET", "phases": {"coverage": {"enabled": coverage != "none"}}},
            ],
            "checks": {
                # Schema-valid requests are rightly refused when they name objects that do
                # not exist or combine filters that exclude each other (child_of with
                # descendant_of), which an OpenAPI document cannot express.
                "positive_data_acceptance": {"enabled": False},
                # Public reads declare `BearerTokenAuth or {}` (no token needed); this check
                # would send them with no token and expect a refusal. Tests that need a
                # token check the operations that need one (anonymous_needs_token below).
                "ignored_auth": {"enabled": False},
            },
        }
    )


def openapi_schema(path, config, existing_id=EXISTING_ID):
    """The schemathesis schema of the API documented at `path`, whose integer path
    parameters point half the time at objects that exist (`existing_id`)."""
    schema = schemathesis.openapi.from_wsgi(path, application, config=config)

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        if not isinstance(path_parameters, dict):
            return st.just(path_parameters)
        integer_names = [
            name
            for name, value in path_parameters.items()
            if isinstance(value, int) and not isinstance(value, bool)
        ]
        if not integer_names:
            return st.just(path_parameters)
        existing = st.fixed_dictionaries(dict.fromkeys(integer_names, existing_id))
        return st.one_of(
            st.just(path_parameters),
            existing.map(lambda ids: {**path_parameters, **ids}),
        )

    return schema


def load_schema(*, coverage):
    schema = openapi_schema(OPENAPI_PATH, fuzz_config(coverage="all" if coverage else "reads"))

    @schema.hook
    def filter_failure(context, failure, case, response):
        """Drop one false positive: an accepted object body for a `oneOf` of page/snippet types.

        The document gives those bodies as a `oneOf` without a discriminator, and every member
        allows unknown properties, so almost any object "violates" the union while the API
        rightly picks the member by `meta.type` (or the addressed object) and ignores unknown
        keys. Wrong types of known fields are still rejected and checked (explicit tests below).
        """
        if isinstance(failure, AcceptedNegativeData) and isinstance(case.body, dict):
            return not _body_is_type_union(case.operation)
        return True

    return schema


def _body_is_type_union(operation):
    body = operation.definition.raw.get("requestBody", {})
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    return "oneOf" in schema


# Anonymous writes stop at authentication, so the deterministic coverage phase (hundreds of
# boundary bodies per write operation) only adds time there; with a token it runs in full.
anonymous_schema = load_schema(coverage=False)
token_schema = load_schema(coverage=True)

FUZZ_SETTINGS = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


# --- custom checks -----------------------------------------------------------------------


def _header(response, name):
    values = response.headers.get(name.lower()) or [""]
    return values[0]


def json_answer(ctx, response, case):
    """Every answer with a body is JSON; every 4xx names what was wrong.

    405s are left to test_unsupported_method_is_a_json_405: django-ninja answers every
    unsupported method (which the coverage phase sends to every path) with a text/html 405,
    and one explicit failure says that better than one per operation.
    """
    status = response.status_code
    if status in (204, 304, 405) or 300 <= status < 400:
        return None
    content_type = _header(response, "Content-Type").split(";")[0].strip()
    assert content_type in JSON_TYPES, (
        f"{status} answer is {content_type or 'untyped'}, not JSON: {response.content[:200]!r}"
    )
    try:
        body = json.loads(response.content)
    except ValueError as error:
        raise AssertionError(f"{status} answer does not parse as JSON ({error})") from None
    if 400 <= status < 500:
        assert isinstance(body, dict), f"{status} answer is not a JSON object: {body!r}"
        message = body.get("detail") or body.get("message")
        assert isinstance(message, str) and message.strip(), (
            f"{status} answer has no message (detail/message): {body!r}"
        )
    return None


def _allows_anonymous(operation):
    """Public reads list the empty requirement ({}) beside the bearer token (api.openapi)."""
    security = operation.definition.raw.get("security", [])
    return {} in security


def anonymous_needs_token(ctx, response, case):
    """Without a token, operations that require one answer 4xx (401), never 2xx or 3xx."""
    if _allows_anonymous(case.operation):
        return None
    assert response.status_code >= 400, (
        f"anonymous {case.method} {case.formatted_path} answered {response.status_code}; "
        "this operation requires a bearer token"
    )
    return None


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture
def in_process_requests(db):
    """Keep the test's connection (and its transaction) open across WSGI requests.

    Django closes "old" connections when a request starts and finishes; inside a test's
    transaction that would mark the transaction for rollback. Django's test client
    disconnects the same receivers; werkzeug's client knows nothing about them.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def server_errors():
    """Tracebacks of exceptions the application turned into 500s, for the failure report."""
    recorded = []

    def record(sender, request=None, **kwargs):
        where = f"{request.method} {request.get_full_path()}" if request else "?"
        recorded.append(f"{where}\n{''.join(traceback.format_exception(*sys.exc_info()))}")

    got_request_exception.connect(record, dispatch_uid="fuzz-v3-server-errors")
    yield recorded
    got_request_exception.disconnect(dispatch_uid="fuzz-v3-server-errors")


@pytest.fixture
def fuzz_superuser(django_user_model):
    return django_user_model.objects.create_superuser("fuzz-v3-admin", "fuzz-v3@example.com")


@pytest.fixture
def bearer(fuzz_superuser):
    _token, plaintext = APIToken.create_token(user=fuzz_superuser, name="fuzz v3")
    return f"Bearer {plaintext}"


@contextmanager
def rolled_back():
    """A savepoint that is always rolled back: the example leaves the database as it was."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def exercise(case, server_errors, *, headers, additional_checks):
    # Schemathesis asks for gzip but its in-process transport, unlike an HTTP
    # client, does not decompress: the contract is checked on the plain answer.
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    server_errors.clear()
    try:
        with rolled_back():
            case.call_and_validate(headers=headers, additional_checks=additional_checks)
    except BaseException as failure:
        if server_errors:
            failure.add_note("Server-side traceback:\n" + server_errors[-1])
        raise


# --- the fuzz ----------------------------------------------------------------------------


@anonymous_schema.parametrize()
@FUZZ_SETTINGS
def test_v3_fuzz_anonymous(case, in_process_requests, server_errors):
    exercise(
        case,
        server_errors,
        headers=None,
        additional_checks=[json_answer, anonymous_needs_token],
    )


@token_schema.parametrize()
@FUZZ_SETTINGS
def test_v3_fuzz_with_superuser_token(case, in_process_requests, server_errors, bearer):
    exercise(
        case,
        server_errors,
        headers={"Authorization": bearer},
        additional_checks=[json_answer],
    )


# --- explicit cases: the malformed requests the issue lists, and what the fuzz found -----


@pytest.fixture
def api_client():
    return Client(raise_request_exception=False)


def call(client, method, url, *, bearer=None, body=None, raw_body=None):
    """A request through Django's test client, in a savepoint that is rolled back."""
    headers = {"HTTP_AUTHORIZATION": bearer} if bearer else {}
    if body is not None or raw_body is not None:
        data = raw_body if raw_body is not None else json.dumps(body)
        headers.update(data=data, content_type="application/json")
    with rolled_back():
        return client.generic(method, url, **headers)


def problem(response):
    """The problem+json body of a v3 error, checked for shape."""
    assert response["Content-Type"].startswith("application/problem+json"), (
        response.status_code,
        response["Content-Type"],
        response.content[:300],
    )
    body = json.loads(response.content)
    assert body["status"] == response.status_code
    assert body["detail"].strip()
    return body


def problem_text(response):
    """Everything a v3 problem says, locations included, to look for a parameter's name."""
    body = problem(response)
    located = [
        " ".join(str(part) for part in error.get("loc", [])) + " " + error.get("msg", "")
        for error in body.get("errors") or []
    ]
    return " ".join([body["detail"], *located])


def assert_4xx(response, method, url, server_errors):
    """A client error, whichever: where the issue names no status, any 4xx will do."""
    assert 400 <= response.status_code < 500, describe(method, url, response, server_errors)


def describe(method, url, response, server_errors):
    text = f"{method} {url[:200]} -> {response.status_code} {response.content[:300]!r}"
    if server_errors:
        text += "\nServer-side traceback:\n" + server_errors[-1]
    return text


def media_type(response):
    return response["Content-Type"].split(";")[0].strip()


PAGE_TYPE = "procedures.ProcedurePage"
PROCEDURE_INDEX_ID = 4  # the demo content's procedure index page


def test_invalid_json_body_is_a_400_naming_the_body(api_client, bearer):
    response = call(api_client, "POST", "/api/v3/pages/", bearer=bearer, raw_body="{not json")
    assert response.status_code == 400
    assert "body" in problem_text(response)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        pytest.param(
            {"meta": {"type": PAGE_TYPE, "parent_id": "abc"}, "title": "x"},
            ["parent_id"],
            id="parent-id-not-an-integer",
        ),
        pytest.param(
            {"meta": {"type": PAGE_TYPE, "parent_id": PROCEDURE_INDEX_ID}, "title": 5},
            ["title"],
            id="title-not-a-string",
        ),
        pytest.param(
            {"meta": {"type": PAGE_TYPE, "parent_id": PROCEDURE_INDEX_ID}, "outpatient": "maybe"},
            ["outpatient"],
            id="outpatient-not-a-boolean",
        ),
        pytest.param({"meta": {"type": "nope.Nope", "parent_id": 4}}, ["nope.Nope"], id="type"),
        pytest.param({"meta": "x"}, ["meta"], id="meta-not-an-object"),
    ],
)
def test_wrong_field_types_in_a_page_create_are_a_422_naming_the_field(
    api_client, bearer, body, fields
):
    response = call(api_client, "POST", "/api/v3/pages/", bearer=bearer, body=body)
    assert response.status_code == 422, response.content[:300]
    text = problem_text(response)
    for field in fields:
        assert field in text, text


NOT_AN_OBJECT = [[None, None], [], "AAA", 0, False]


@pytest.mark.parametrize("body", NOT_AN_OBJECT, ids=repr)
def test_page_create_with_a_body_that_is_not_an_object_is_a_4xx(
    api_client, bearer, server_errors, body
):
    # Before a fix, a 500: AttributeError in wagtail/api/v3/schemas/base.py discriminate_meta_type.
    response = call(api_client, "POST", "/api/v3/pages/", bearer=bearer, body=body)
    assert_4xx(response, "POST", "/api/v3/pages/", server_errors)
    assert "body" in problem_text(response)


@pytest.mark.parametrize("body", NOT_AN_OBJECT, ids=repr)
def test_page_update_with_a_body_that_is_not_an_object_is_a_4xx(
    api_client, bearer, server_errors, body
):
    url = "/api/v3/pages/3/"
    response = call(api_client, "PATCH", url, bearer=bearer, body=body)
    assert_4xx(response, "PATCH", url, server_errors)
    assert "body" in problem_text(response)


@pytest.mark.parametrize("page_id", ["abc", "1.5", "true"])
def test_page_update_with_a_non_integer_id_is_a_4xx_naming_the_id(
    api_client, bearer, server_errors, page_id
):
    # Before a fix, a 500: PageTypeInjectingBodyModel.get_meta_type looks the page up by the raw
    # path value before the path parameter is validated (ValueError).
    url = f"/api/v3/pages/{page_id}/"
    response = call(api_client, "PATCH", url, bearer=bearer, body={"title": "x"})
    assert_4xx(response, "PATCH", url, server_errors)
    assert "id" in problem_text(response)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        # Non-object bodies that the "optional body" actions and PATCH image accept before a fix.
        ("POST", "/api/v3/pages/3/actions/unpublish/", 0.5),
        ("POST", "/api/v3/pages/3/actions/copy/", 0.5),
        ("POST", "/api/v3/pages/3/actions/create_alias/", "x"),
        ("PATCH", "/api/v3/images/1/", []),
    ],
)
def test_write_with_a_body_that_is_not_an_object_is_a_4xx(
    api_client, bearer, server_errors, method, url, body
):
    response = call(api_client, method, url, bearer=bearer, body=body)
    assert_4xx(response, method, url, server_errors)
    assert "body" in problem_text(response)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        # The root page has no parent to copy or alias into (AttributeError before a fix).
        ("POST", "/api/v3/pages/1/actions/copy/", {}),
        ("POST", "/api/v3/pages/1/actions/create_alias/", {}),
        # Nor can it become a sibling of itself (AttributeError in can_move_to before a fix).
        ("POST", "/api/v3/pages/1/actions/move/", {"destination_id": 1, "position": "left"}),
        # Nor can any page become one of its siblings (a 500 in Wagtail 8.0).
        ("POST", "/api/v3/pages/3/actions/move/", {"destination_id": 1, "position": "left"}),
        # Wagtail reads no position as a sibling position too (found by the fuzz).
        ("POST", "/api/v3/pages/3/actions/move/", {"destination_id": 1, "position": None}),
        ("POST", "/api/v3/pages/3/actions/move/", {"destination_id": 1}),
    ],
)
def test_impossible_page_actions_are_a_4xx(api_client, bearer, server_errors, method, url, body):
    response = call(api_client, method, url, bearer=bearer, body=body)
    assert 400 <= response.status_code < 500, describe(method, url, response, server_errors)
    problem(response)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("PATCH", ""),
        ("DELETE", ""),
        ("GET", "revisions/"),
        ("GET", "revisions/1/"),
        ("DELETE", "actions/delete/"),
        ("POST", "actions/revert/"),
    ],
)
def test_snippet_with_a_non_integer_pk_is_a_4xx(api_client, bearer, server_errors, method, path):
    # Before a fix, a 500: the snippets router passes the pk string straight to the lookup
    # (ValueError).
    url = f"/api/v3/snippets/cms.CallToAction/abc/{path}"
    body = {"revision_id": 1} if path == "actions/revert/" else {} if method == "PATCH" else None
    response = call(api_client, method, url, bearer=bearer, body=body)
    assert_4xx(response, method, url, server_errors)
    problem(response)


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_snippet_action_with_a_non_integer_pk_is_a_4xx(api_client, bearer, server_errors, action):
    url = f"/api/v3/snippets/people.Testimonial/abc/actions/{action}/"
    response = call(api_client, "POST", url, bearer=bearer)
    assert_4xx(response, "POST", url, server_errors)
    problem(response)


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v3/pages/?type=nope", 422, "type"),
        ("/api/v3/pages/abc/", 422, "page_id"),
        ("/api/v3/pages/?limit=1000", 400, "limit"),
        ("/api/v3/pages/?offset=-1", 422, "offset"),
        # Wagtail answers an unknown locale with a 404 naming it, as v2 does.
        ("/api/v3/pages/?locale=xx", 404, "locale"),
        ("/api/v3/pages/?order=nope", 422, "nope"),
        ("/api/v3/pages/?child_of=abc", 422, "child_of"),
        ("/api/v3/pages/?type=procedures.ProcedurePage&body_region=%00", 400, "body_region"),
        ("/api/v3/pages/3/?rich_text_format=nope", 422, "rich_text_format"),
        ("/api/v3/images/?limit=0", 422, "limit"),
        # A very long query string: 20,000 characters in one value (a 200 before a fix).
        ("/api/v3/pages/?search=" + "a" * 20_000, 400, "search"),
        # Not in the list, so any 4xx, as long as it names the parameter:
        # Before a fix, a 500: the site filter's port goes unchecked into the query (ValueError).
        ("/api/v3/pages/find/?html_path=/&site=localhost:abc", 400, "site"),
        # Before a fix, a 500: SQLite full-text search chokes on a NUL.
        ("/api/v3/pages/?search=%00", None, "search"),
        ("/api/v3/images/?search=%00", None, "search"),
        # Before a fix, an offset beyond 64 bits: a 500 on PostgreSQL, and on SQLite a 409
        # "would duplicate something" (api/v3.py's IntegrityError handler).
        ("/api/v3/pages/?offset=" + "9" * 23, None, "offset"),
    ],
    ids=lambda value: value[:60] if isinstance(value, str) else value,
)
def test_malformed_read_is_a_4xx_naming_the_parameter(
    api_client, bearer, server_errors, url, status, parameter
):
    for authorization in (None, bearer):
        response = call(api_client, "GET", url, bearer=authorization)
        if status is None:
            assert_4xx(response, "GET", url, server_errors)
        else:
            assert response.status_code == status, describe("GET", url, response, server_errors)
        text = problem_text(response).lower()
        assert parameter in text, describe("GET", url, response, server_errors)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/3/revisions/?user_id=people",
        "/api/v3/snippets/people.Testimonial/1/revisions/?user_id=people",
    ],
)
def test_revisions_user_id_not_an_id_is_a_4xx_naming_it(api_client, bearer, server_errors, url):
    # Before a fix, a 500: RevisionFilterSchema types user_id as `int | str` and filters with the
    # string (ValueError).
    response = call(api_client, "GET", url, bearer=bearer)
    assert_4xx(response, "GET", url, server_errors)
    assert "user_id" in problem_text(response)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/snippets/cms.CallToAction/?translation_of=abc",
        "/api/v3/snippets/people.Physician/?translation_of=",
    ],
)
def test_snippet_translation_of_not_an_id_is_a_4xx_naming_it(
    api_client, bearer, server_errors, url
):
    # Before a fix, a 500: TranslationFilterSchema passes the string to .get(pk=...) (ValueError).
    response = call(api_client, "GET", url, bearer=bearer)
    assert_4xx(response, "GET", url, server_errors)
    assert "translation_of" in problem_text(response)


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer nope", "Bearer wagtail_" + "A" * 33, "Basic Zm9vOmJhcg=="],
)
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("POST", "/api/v3/pages/"),
        ("GET", "/api/v3/whoami/"),
        ("GET", "/api/v3/sites/"),
        ("GET", "/api/v3/snippets/cms.CallToAction/"),
        ("DELETE", "/api/v3/pages/3/"),
    ],
)
def test_operations_that_need_a_token_are_a_401_without_one(api_client, authorization, method, url):
    response = call(api_client, method, url, bearer=authorization, body={})
    assert response.status_code == 401
    problem(response)


def test_revoked_token_is_a_401(api_client, fuzz_superuser):
    token, plaintext = APIToken.create_token(user=fuzz_superuser, name="revoked")
    token.revoke()
    response = call(api_client, "GET", "/api/v3/whoami/", bearer=f"Bearer {plaintext}")
    assert response.status_code == 401
    problem(response)


@pytest.mark.parametrize("method", ["PUT", "TRACE", "OPTIONS"])
def test_unsupported_method_is_a_json_405(api_client, bearer, method):
    # Before a fix, django-ninja answers text/html "Method not allowed".
    response = call(api_client, method, "/api/v3/pages/", bearer=bearer)
    assert response.status_code == 405
    assert media_type(response) in JSON_TYPES, response.content[:200]
    assert json.loads(response.content)


def test_very_long_query_string_without_the_trailing_slash_is_json(api_client):
    # Before a fix, Django's 400 page: the slash-appending redirect would exceed 16,384 characters
    # (DisallowedRedirect), and cms/urls.py has JSON handlers for 404 and 500 only.
    url = "/api/v3/pages/3?search=" + "a" * 20_000
    response = call(api_client, "GET", url)
    assert 400 <= response.status_code < 500
    assert media_type(response) in JSON_TYPES, response.content[:200]
    assert json.loads(response.content)
