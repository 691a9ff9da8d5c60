"""Fuzz the v2 API's GET operations with schemathesis, from /api/v2/openapi.json (api.v2_openapi).

The hypothesis fuzz of test_fuzz_v2.py mixes parameters by hand; this run checks the answers
against the document a partner generates a client from: no 5xx, each answer's status and body
as documented, every answer JSON and every 4xx saying what was wrong. Each operation runs
anonymously and with a partner key scoped to a built site. Requests go in-process through the
WSGI application, each example in a savepoint that is rolled back, with a fixed seed and few
examples (the run is part of `make test`'s fuzz pass).
"""

import pytest
from hypothesis import strategies as st

from partners.models import Partner, PartnerKey
from tests.api.helpers import a_clinic
from tests.api.test_fuzz_v3 import (
    FUZZ_SETTINGS,
    exercise,
    fuzz_config,
    in_process_requests,  # noqa: F401 (a fixture)
    json_answer,
    openapi_schema,
    server_errors,  # noqa: F401 (a fixture)
)
from tests.builders import a_site
from tests.partners.conftest import every_content_type

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

OPENAPI_PATH = "/api/v2/openapi.json"
MAX_EXAMPLES = 8
# Small integers hit the built site's pages, snippets and images.
EXISTING_ID = st.integers(min_value=1, max_value=20)


# Coverage stays off: its boundary values for every listing parameter would multiply the
# run's time for what the hypothesis fuzz of test_fuzz_v2.py already mixes by hand.
schema = openapi_schema(
    OPENAPI_PATH, fuzz_config(coverage="none", max_examples=MAX_EXAMPLES), EXISTING_ID
).include(method="GET")


@pytest.fixture
def built(db):
    built = a_site()
    a_clinic(built)
    return built


@pytest.fixture
def partner_key(built):
    """A key scoped to the built site (the requests' host), its locales and every content type."""
    key = PartnerKey(partner=Partner.objects.create(name="Fuzz partner"), label="fuzz v2")
    full_key = key.set_new_secret()
    key.save()
    key.sites.set([built.site])
    key.locales.set([built.site.root_page.locale])
    key.content_types.set(every_content_type())
    return f"Bearer {full_key}"


@schema.parametrize()
@FUZZ_SETTINGS
def test_v2_schemathesis_anonymous(case, in_process_requests, server_errors, built):  # noqa: F811
    exercise(case, server_errors, headers=built.headers, additional_checks=[json_answer])


@schema.parametrize()
@FUZZ_SETTINGS
def test_v2_schemathesis_with_partner_key(
    case,
    in_process_requests,  # noqa: F811
    server_errors,  # noqa: F811
    built,
    partner_key,
):
    headers = {**built.headers, "Authorization": partner_key}
    exercise(case, server_errors, headers=headers, additional_checks=[json_answer])


# --- what the run found, pinned --------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["pages", "images", "testimonials"])
def test_find_with_an_id_batch_is_a_400_naming_id(client, built, endpoint):
    # Before a fix, a 500: Wagtail's find reads ?id= with int().
    response = client.get(f"/api/v2/{endpoint}/find/", {"id": "3,4"}, headers=built.headers)
    assert response.status_code == 400
    assert response.json()["message"].startswith("id")
