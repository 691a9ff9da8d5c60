"""Fuzz the public site and the admin login with hypothesis, not only the APIs.

Lead forms get multipart bodies built byte by byte, as any client may send them:
values with NUL, lone surrogates (invalid UTF-8 on the wire), control characters and
huge strings, fields repeated, and parts under nested or odd names. Site search and
suggestions (English and Spanish), the location finder (its page and its API) and the
admin login get such queries too. No answer may be a 5xx. A lead form either stores
the submission and thanks the visitor, or shows the form again with errors next to
fields and every plain value the visitor typed kept: never a thank-you for nothing,
never a form emptied without a word.

Generation is deterministic and bounded (FUZZ_SETTINGS).
"""

import html
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from leads.models import LeadSubmission
from locations.factories import LocationPageFactory
from procedures.factories import ConditionPageFactory
from tests.builders import a_site
from tests.helpers import fuzz_settings
from tests.leads.helpers import a_connect_form

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

FUZZ_SETTINGS = fuzz_settings(max_examples=30)
BOUNDARY = "fuzz-site-boundary"
THANKS = "We will be in touch"
TEXT_FIELDS = ("full_name", "phone", "condition", "procedure_of_interest")

# --- strategies --------------------------------------------------------------------

plain_text = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, exclude_categories=["Cs"]),
    min_size=1,
    max_size=40,
).filter(str.strip)
hostile_text = st.one_of(
    st.text(max_size=30).map(lambda text: text + "\x00"),
    st.text(max_size=30).map(lambda text: "\ud800" + text),  # a lone surrogate
    st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=20),
    st.integers(min_value=256, max_value=20_000).map(lambda size: "x" * size),
    st.sampled_from(["", " ", "\r\n", "%00", "<script>alert(1)</script>", "' OR 1=1 --", "\ufeff"]),
)
# (value, plain): a plain value must come back in the form when the form is shown again.
values = st.one_of(
    plain_text.map(lambda text: (text, True)), hostile_text.map(lambda text: (text, False))
)
odd_names = st.sampled_from(
    ["full_name[]", "a[b][c]", "full_name.first", "", "\x00", "é", "__proto__", "homepage_url2"]
)
contact_choices = st.sampled_from(["Phone", "Email", "Fax", "", "\x00", "Phone\ud800"])


def wire(text):
    """Text as a client puts it on the wire: lone surrogates as the invalid bytes they are."""
    return text.encode("utf-8", errors="surrogatepass")


def query_of(text):
    return quote_from_bytes(wire(text))


queries = st.one_of(plain_text, hostile_text)

# --- fixtures ----------------------------------------------------------------------


@pytest.fixture
def built(settings):
    settings.LEADS_RATE_LIMIT_PER_IP = 0  # generated posts are many; the limit has its own tests
    settings.LEADS_RATE_LIMIT_PER_EMAIL = 0
    site = a_site()
    ConditionPageFactory(parent=site.conditions, title="Spinal Stenosis")
    LocationPageFactory(parent=site.locations, title="Dallas, Texas", zip_code="75201")
    site.in_spanish()
    site.form = a_connect_form(site)
    return site


@pytest.fixture
def visitor(built):
    return Client(headers=built.headers, raise_request_exception=False)


def multipart(parts):
    """A multipart body from (name, value) pairs, byte for byte."""
    body = b"".join(
        b"--" + BOUNDARY.encode() + b"\r\n"
        b'Content-Disposition: form-data; name="'
        + wire(name)
        + b'"\r\n\r\n'
        + wire(value)
        + b"\r\n"
        for name, value in parts
    )
    return body + b"--" + BOUNDARY.encode() + b"--\r\n"


def describe(response):
    return f"{response.status_code} {response.content[:400]!r}"


def shown_again_with_errors(body):
    return 'class="form-field__errors"' in body or "error" in body.lower()


# --- lead forms --------------------------------------------------------------------


@FUZZ_SETTINGS
@given(
    typed=st.fixed_dictionaries(dict.fromkeys(TEXT_FIELDS, values)),
    email=st.one_of(st.just(("pat@example.net", True)), values),
    contact=contact_choices,
    extra=st.lists(st.tuples(odd_names, queries), max_size=4),
)
def test_a_lead_form_stores_and_thanks_or_shows_errors_with_the_answers_kept(
    built, visitor, typed, email, contact, extra
):
    fields = {**typed, "email": email}
    parts = [(name, value) for name, (value, _) in fields.items()]
    parts += [("how_should_we_contact_you", contact), *extra]
    stored = LeadSubmission.objects.filter(page=built.form).count()
    response = visitor.generic(
        "POST",
        built.form.url,
        data=multipart(parts),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code < 500, describe(response)
    body = response.content.decode("utf-8", errors="replace")
    if LeadSubmission.objects.filter(page=built.form).count() > stored:
        assert response.status_code == 200 and THANKS in body, describe(response)
        return
    assert THANKS not in body, "thanked, but nothing was stored"
    assert response.status_code in (200, 400, 413), describe(response)
    if response.status_code == 200:
        assert shown_again_with_errors(body), "the form came back without a word"
        for name, (value, plain) in fields.items():
            if plain:
                assert html.escape(value.strip()) in body, f"{name}={value!r} was dropped"


# --- search, finder, admin login ---------------------------------------------------

SEARCH_PATHS = ("/search/", "/search/suggest/", "/es/search/", "/es/search/suggest/")


@FUZZ_SETTINGS
@given(path=st.sampled_from(SEARCH_PATHS), query=queries, page=st.one_of(st.none(), queries))
def test_site_search_and_suggestions_never_fail(visitor, path, query, page):
    url = f"{path}?q={query_of(query)}"
    if page is not None:
        url += f"&page={query_of(page)}"
    response = visitor.get(url)
    assert response.status_code < 500, f"{url[:200]} -> {describe(response)}"


@FUZZ_SETTINGS
@given(
    path=st.sampled_from(("LOCATIONS", "/api/v2/locations/nearby/")),
    near=queries,
    limit=st.one_of(st.none(), queries, st.integers().map(str)),
)
def test_the_location_finder_and_its_api_never_fail(built, visitor, path, near, limit):
    path = built.locations.url if path == "LOCATIONS" else path
    url = f"{path}?near={query_of(near)}"
    if limit is not None:
        url += f"&limit={query_of(limit)}"
    response = visitor.get(url)
    assert response.status_code < 500, f"{url[:200]} -> {describe(response)}"


@FUZZ_SETTINGS
@given(
    username=queries, password=queries, extra=st.lists(st.tuples(odd_names, queries), max_size=3)
)
def test_the_admin_login_never_fails_nor_lets_anyone_in(visitor, username, password, extra):
    parts = [("username", username), ("password", password), *extra]
    response = visitor.generic(
        "POST",
        "/admin/login/",
        data=multipart(parts),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code < 500, describe(response)
    assert not (response.status_code == 302 and response["Location"].startswith("/admin/"))
