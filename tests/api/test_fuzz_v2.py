"""Fuzz the v2 API (Wagtail's endpoints and our snippet endpoints) with hypothesis.

Query strings mix the parameters the endpoints know with valid, invalid, huge, negative,
unicode and junk values, plus unknown parameter names; paths add junk ids and find/ lookups.
Whatever comes in, the answer must not be a 5xx, must be JSON (redirects from find/ and
bodiless HEAD answers aside), and a 4xx must carry a non-empty "message".

The explicit tests after the fuzz pin each malformed case the issue lists, with its status
and a message that names the bad parameter, and every crash the fuzz has found, so that a
regression names the request instead of waiting for hypothesis to rediscover it.

Requests go through Django's test client inside the test's transaction, each in a savepoint
that is rolled back. Generation is deterministic (derandomize, no example database).
"""

import json
import sys
import traceback
from contextlib import contextmanager
from urllib.parse import quote, urlencode

import pytest
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import APIToken, Site

from tests.helpers import fuzz_settings

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

ENDPOINTS = (
    "pages",
    "images",
    "documents",
    "redirects",
    "testimonials",
    "physicians",
    "calls-to-action",
)
PARAMETER_NAMES = (
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "html_path",
    "condition",
    "location",
    "body_region",
    "procedure_type",
    "id",
    "rich_text_format",
)
PLAUSIBLE_VALUES = (
    "1",
    "2",
    "3",
    "4",
    "12",
    "18",
    "0",
    "-1",
    "",
    "root",
    "en",
    "fr",
    "localhost",
    "localhost:80",
    "testserver:80",
    "/",
    "/procedures/",
    "/procedures/lumbar-foraminotomy/",
    "procedures.ProcedurePage",
    "procedures.ConditionPage",
    "locations.LocationPage",
    "home.HomePage",
    "wagtailcore.Page",
    "procedures.ProcedurePage,locations.LocationPage",
    "title",
    "-title",
    "id",
    "random",
    "first_published_at",
    "*",
    "_,id",
    "-title,body",
    "title,conditions(title)",
    "body_region",
    "lumbar",
    "cervical",
    "minimally_invasive",
    "knee",
    "stenosis",
    "and",
    "or",
    "html",
    "markdown",
    "db_html",
)
JUNK_VALUES = (
    "%",
    "%ff",
    "%00",
    "\x00",
    "(",
    ")",
    "((((",
    ",",
    ",,,",
    "*,*",
    "null",
    "true",
    "[]",
    "{}",
    "' OR 1=1 --",
    '"',
    "\\",
    "../..",
    "1e400",
    "NaN",
    "0x10",
    "１２",
    "💥",
    "localhost:notaport",
    "title(",
    "body(nope)",
)

values = st.one_of(
    st.sampled_from(PLAUSIBLE_VALUES),
    st.sampled_from(JUNK_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
    st.integers(min_value=1_000, max_value=20_000).map(lambda length: "x" * length),
)
parameter_names = st.one_of(
    st.sampled_from(PARAMETER_NAMES),
    st.sampled_from(PARAMETER_NAMES),
    st.text(min_size=1, max_size=20),
)
encoded_queries = st.lists(st.tuples(parameter_names, values), max_size=4).map(urlencode)
# Raw query strings that no encoder would produce: stray %, &, =, NULs and non-ASCII.
raw_queries = st.text(alphabet="%&=+;,?#/()*-_.~ aZ09\x00é", max_size=60).map(
    lambda raw: quote(raw, safe="%&=+;,?/()*-_.~")
)
queries = st.one_of(encoded_queries, encoded_queries, raw_queries)

path_segments = st.one_of(
    st.integers(min_value=1, max_value=30).map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(min_size=1, max_size=20).map(lambda text: quote(text, safe="")),
    st.sampled_from(("abc", "find", "0", "-1", "1.5", "%00", "%2F", "..", "3abc")),
)
paths = st.builds(
    "/api/v2/{}/{}".format,
    st.one_of(st.sampled_from(ENDPOINTS), st.sampled_from(("nope", "", "pages/3/child"))),
    st.one_of(
        st.just(""),
        st.just("find/"),
        path_segments.map("{}/".format),
        path_segments,
    ),
)
methods = st.sampled_from(("GET",) * 6 + ("HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"))
authorizations = st.sampled_from((None, "valid", "Bearer nope", "Basic Zm9vOmJhcg==", "Bearer"))

FUZZ_SETTINGS = fuzz_settings(max_examples=1000)


# --- helpers and fixtures ----------------------------------------------------------------


@pytest.fixture
def api_client():
    return Client(raise_request_exception=False)


@pytest.fixture
def server_errors():
    """Tracebacks of exceptions the application turned into 500s, for the failure report."""
    recorded = []

    def record(sender, request=None, **kwargs):
        recorded.append("".join(traceback.format_exception(*sys.exc_info())))

    got_request_exception.connect(record, dispatch_uid="fuzz-v2-server-errors")
    yield recorded
    got_request_exception.disconnect(dispatch_uid="fuzz-v2-server-errors")


@pytest.fixture
def bearer(django_user_model):
    user = django_user_model.objects.create_superuser("fuzz-v2-admin", "fuzz-v2@example.com")
    return f"Bearer {APIToken.create_token(user=user, name='fuzz v2')[1]}"


@contextmanager
def rolled_back():
    """A savepoint that is always rolled back: the example leaves the database as it was."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def request(client, method, url, authorization=None):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    with rolled_back():
        return client.generic(method, url, **headers)


def describe(method, url, response, server_errors):
    body = response.content[:300]
    text = f"{method} {url[:300]} -> {response.status_code} {response.get('Content-Type')} {body!r}"
    if server_errors:
        text += "\nServer-side traceback:\n" + server_errors[-1]
    return text


def json_body(response):
    return json.loads(response.content)


def message_of(response):
    body = json_body(response)
    assert isinstance(body, dict), body
    return body.get("message", "")


def assert_clean_answer(method, url, response, server_errors):
    """No 5xx; JSON unless a redirect or a HEAD; a 4xx carries a message."""
    status = response.status_code
    assert status < 500, describe(method, url, response, server_errors)
    if 300 <= status < 400 or method == "HEAD":
        return
    content_type = response.get("Content-Type", "").split(";")[0]
    assert content_type == "application/json", describe(method, url, response, server_errors)
    body = json_body(response)
    if status >= 400:
        message = body.get("message") if isinstance(body, dict) else None
        assert isinstance(message, str) and message.strip(), describe(
            method, url, response, server_errors
        )


# --- the fuzz ----------------------------------------------------------------------------


@FUZZ_SETTINGS
@given(method=methods, path=paths, query=queries, authorization=authorizations)
def test_v2_fuzz(api_client, server_errors, bearer, method, path, query, authorization):
    url = f"{path}?{query}" if query else path
    if authorization == "valid":
        authorization = bearer
    server_errors.clear()
    response = request(api_client, method, url, authorization)
    assert_clean_answer(method, url, response, server_errors)


# --- the malformed requests the issue lists ----------------------------------------------


MALFORMED = [
    pytest.param("/api/v2/pages/?type=nope.Nope", 400, "type", id="unknown-type"),
    pytest.param("/api/v2/pages/?type=nope", 400, "type", id="unknown-type-no-app"),
    pytest.param("/api/v2/pages/?limit=1000", 400, "limit", id="limit-1000"),
    pytest.param("/api/v2/pages/?limit=abc", 400, "limit", id="limit-not-a-number"),
    pytest.param("/api/v2/testimonials/?limit=1000", 400, "limit", id="snippet-limit-1000"),
    # Wagtail answers an unknown locale (like an unknown site) with a 404 naming it.
    pytest.param("/api/v2/pages/?locale=xx", 404, "locale", id="unknown-locale"),
    pytest.param("/api/v2/pages/?fields=nope", 400, "fields", id="unknown-field"),
    pytest.param("/api/v2/pages/{home}/?fields=nope", 400, "fields", id="unknown-field-detail"),
    pytest.param("/api/v2/images/?fields=nope", 400, "fields", id="unknown-field-images"),
    pytest.param("/api/v2/physicians/?fields=nope", 400, "fields", id="unknown-field-snippet"),
    pytest.param(
        "/api/v2/testimonials/?fields=authorizations",
        400,
        "authorizations",
        id="private-field-snippet",
    ),
    pytest.param("/api/v2/pages/?offset=-1", 400, "offset", id="negative-offset"),
    pytest.param("/api/v2/calls-to-action/?offset=-5", 400, "offset", id="negative-offset-cta"),
    pytest.param("/api/v2/pages/?nope=1", 400, "nope", id="unknown-parameter"),
    pytest.param("/api/v2/pages/?child_of=abc", 400, "child_of", id="child-of-not-an-id"),
    pytest.param("/api/v2/pages/?condition=abc", 400, "condition", id="condition-not-an-id"),
    pytest.param("/api/v2/pages/?order=nope", 400, "nope", id="unknown-order"),
    # A very long query string: 20,000 characters in one value.
    pytest.param("/api/v2/pages/?search=" + "a" * 20_000, 400, "search", id="search-20000-chars"),
    pytest.param("/api/v2/pages/?type=" + "a" * 20_000, 400, "type", id="type-20000-chars"),
]


@pytest.mark.parametrize(("url", "status", "parameter"), MALFORMED)
def test_malformed_request_gets_json_4xx_naming_the_parameter(
    api_client, server_errors, url, status, parameter
):
    url = url.replace("{home}", str(Site.objects.get(is_default_site=True).root_page_id))
    response = request(api_client, "GET", url)
    assert response.status_code == status, describe("GET", url, response, server_errors)
    assert response["Content-Type"] == "application/json"
    assert parameter in message_of(response).lower(), describe("GET", url, response, server_errors)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/abc/",
        "/api/v2/pages/-1/",
        "/api/v2/pages/1.5/",
        "/api/v2/images/abc/",
        "/api/v2/testimonials/abc/",
        "/api/v2/calls-to-action/abc/",
    ],
)
def test_non_integer_id_is_a_json_404(api_client, server_errors, url):
    response = request(api_client, "GET", url)
    assert response.status_code == 404, describe("GET", url, response, server_errors)
    assert response["Content-Type"] == "application/json"
    assert message_of(response)


def test_non_integer_id_message_names_the_id(api_client):
    # The issue: "a JSON 4xx whose message names the bad parameter", non-integer ids included.
    # Before a fix, the /api/ handler404 says only "no API endpoint or object at this address".
    response = request(api_client, "GET", "/api/v2/pages/abc/")
    assert response.status_code == 404
    message = message_of(response)
    assert "id" in message.split() or "abc" in message, message


def test_very_long_unknown_parameter_name_is_a_json_400(api_client):
    url = "/api/v2/pages/?" + "x" * 20_000 + "=1"
    response = request(api_client, "GET", url)
    assert response.status_code == 400
    assert "query parameter" in message_of(response)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_writes_to_the_read_only_v2_api_are_a_json_405_with_a_message(api_client, method):
    # Before a fix, DRF's own body: {"detail": "Method \"POST\" not allowed."}, no "message".
    response = request(api_client, method, "/api/v2/pages/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert method in message_of(response), response.content


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/", "/api/v2/pages/3/", "/api/v2/testimonials/", "/api/v2/images/1/"]
)
def test_bad_basic_credentials_on_a_public_read_get_a_message(api_client, server_errors, url):
    # Before a fix, DRF's default BasicAuthentication answers 403 {"detail": "Invalid
    # username/password."}: a 4xx without "message" (and a 403 where 401 would be due).
    response = request(api_client, "GET", url, "Basic Zm9vOmJhcg==")
    assert_clean_answer("GET", url, response, server_errors)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/3/?search=knee",
        "/api/v2/pages/0/?search=knee",
        "/api/v2/calls-to-action/1/?search=knee",
    ],
)
def test_detail_with_a_search_has_a_message(api_client, server_errors, url):
    # Before a fix, a 404 whose message is "" (a bare Http404 from the detail view's search filter).
    response = request(api_client, "GET", url)
    assert_clean_answer("GET", url, response, server_errors)
    assert response.status_code == 200 or message_of(response).strip()


def test_very_long_query_string_without_the_trailing_slash_is_json(api_client, server_errors):
    # Before a fix, Django's HTML 400 page: the slash-appending redirect would exceed 16,384
    # characters (DisallowedRedirect), and cms/urls.py has JSON handlers for 404 and 500 only.
    url = "/api/v2/pages/3?search=" + "a" * 20_000
    response = request(api_client, "GET", url)
    assert_clean_answer("GET", url, response, server_errors)


# --- crashes the fuzz found: each must become a JSON 4xx naming the parameter ------------


CRASHES = [
    # SQLite's full-text search chokes on a NUL (OperationalError: unterminated string).
    pytest.param("/api/v2/pages/?search=%00", "search", id="search-nul"),
    pytest.param("/api/v2/physicians/?search=%00", "search", id="snippet-search-nul"),
    # modelsearch raises ValueError for an operator other than "and"/"or".
    pytest.param("/api/v2/pages/?search=a&search_operator=xor", "search_operator", id="operator"),
    # An offset beyond 64 bits reaches the database (IntegrityError/OverflowError/DataError).
    pytest.param("/api/v2/pages/?offset=" + "9" * 26, "offset", id="offset-beyond-64-bits"),
    pytest.param("/api/v2/pages/?limit=10&offset=" + "9" * 26, "offset", id="offset-huge-limit"),
    # api/v2.py positive_int_param has no upper bound (OverflowError in the query).
    pytest.param("/api/v2/pages/?condition=" + "9" * 23, "condition", id="condition-huge"),
    pytest.param("/api/v2/pages/?location=" + "9" * 23, "location", id="location-huge"),
    # Wagtail's find view passes ?id= straight to queryset.get (ValueError).
    pytest.param("/api/v2/pages/find/?id=abc", "id", id="find-id-not-an-integer"),
    pytest.param("/api/v2/images/find/?id=abc", "id", id="images-find-id-not-an-integer"),
    pytest.param("/api/v2/testimonials/find/?id=abc", "id", id="snippet-find-id"),
]


@pytest.mark.parametrize(("url", "parameter"), CRASHES)
def test_request_that_crashed_gets_json_4xx_naming_the_parameter(
    api_client, server_errors, url, parameter
):
    response = request(api_client, "GET", url)
    assert 400 <= response.status_code < 500, describe("GET", url, response, server_errors)
    assert response["Content-Type"] == "application/json"
    assert parameter in message_of(response), describe("GET", url, response, server_errors)


def test_redirect_not_found_has_a_message(api_client):
    response = request(api_client, "GET", "/api/v2/redirects/find/?html_path=/nowhere/")
    assert response.status_code == 404
    assert message_of(response).strip(), response.content
