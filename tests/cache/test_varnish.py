"""Cache correctness of the production stack: Varnish in front of gunicorn.

Every test reads through Varnish the way a patient or a partner site would,
changes content the way editors do (API v3 with a token, or saving a snippet),
and checks what the next reader gets. X-Cache (HIT, MISS or PASS) is set by
deploy/varnish/foramen.vcl.
"""

import json
import re
import uuid

import pytest

from tests.cache.stack import running_stack

pytestmark = [pytest.mark.varnish, pytest.mark.live_server]

PROCEDURE_PATH = "/procedures/microdiscectomy/"
PROCEDURE_LISTING = "/procedures/"
LOCATION_PATH = "/locations/dallas-tx/"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("stack")) as stack:
        yield stack


@pytest.fixture(scope="module")
def token(stack):
    return stack.python(
        "from django.contrib.auth import get_user_model\n"
        "from wagtail.models.api import APIToken\n"
        "user = get_user_model().objects.create_superuser('cache-editor', 'e@example.com', None)\n"
        "print(APIToken.create_token(user=user, name='cache tests')[1])"
    ).strip()


def page_id(stack, path):
    answer = stack.get(f"/api/v2/pages/find/?html_path={path}", base=stack.gunicorn_url)
    assert answer.status == 302, answer.body[:300]
    return int(re.search(r"/pages/(\d+)/", answer.headers["location"]).group(1))


def cached(stack, path):
    """GET ``path`` through Varnish until it comes from the cache."""
    stack.get(path)
    answer = stack.get(path)
    assert answer.cache == "HIT", f"{path} was not cached: {answer.status} {answer.cache}"
    return answer


def publish_title(stack, token, page_type, page_pk, title):
    answer = stack.api(
        "PATCH",
        f"/api/v3/pages/{page_pk}/",
        token,
        {"meta": {"type": page_type, "action": "publish"}, "title": title},
    )
    assert answer.status == 200, answer.body[:500]


def test_publishing_a_page_purges_its_url_its_api_details_and_the_listings(stack, token):
    pk = page_id(stack, PROCEDURE_PATH)
    listing_v2 = "/api/v2/pages/?type=procedures.ProcedurePage&fields=title&limit=20"
    views = [
        PROCEDURE_PATH,
        PROCEDURE_LISTING,
        f"/api/v2/pages/{pk}/",
        f"/api/v3/pages/{pk}/",
        listing_v2,
        "/api/v3/pages/?type=procedures.ProcedurePage",
    ]
    for path in views:
        cached(stack, path)

    new_title = f"Microdiscectomy {uuid.uuid4().hex[:8]}"
    publish_title(stack, token, "procedures.ProcedurePage", pk, new_title)

    for path in views:
        answer = stack.get(path)
        assert answer.status == 200
        assert answer.cache == "MISS", f"{path} still came from the cache"
        assert new_title in answer.body, f"{path} does not show the new title"
    assert stack.get(PROCEDURE_PATH).cache == "HIT", "the fresh page is cached again"


def test_changing_a_snippet_purges_every_page_that_uses_it(stack):
    cached(stack, LOCATION_PATH)
    cached(stack, PROCEDURE_PATH)
    new_name = f"Daniel Okafor-{uuid.uuid4().hex[:6]}"
    stack.python(
        "from locations.models import Physician\n"
        "physician = Physician.objects.get(name='Daniel Okafor')\n"
        f"physician.name = {new_name!r}\n"
        "physician.save()"
    )
    for path in (LOCATION_PATH, PROCEDURE_PATH):
        answer = stack.get(path)
        assert answer.cache == "MISS", f"{path} still came from the cache"
        assert new_name in answer.body, f"{path} does not show the renamed physician"


def test_changing_a_call_to_action_purges_the_pages_showing_it(stack):
    cached(stack, "/")
    heading = f"Free imaging review {uuid.uuid4().hex[:6]}"
    stack.python(
        "from cms.models import CallToAction\n"
        "cta = CallToAction.objects.get(heading='Free MRI/CT Review')\n"
        f"cta.heading = {heading!r}\n"
        "cta.save()"
    )
    answer = stack.get("/")
    assert answer.cache == "MISS"
    assert heading in answer.body


def test_unpublishing_removes_the_page_from_the_cache(stack, token):
    path = "/procedures/spinal-cord-stimulation/"
    pk = page_id(stack, path)
    cached(stack, path)
    cached(stack, f"/api/v2/pages/{pk}/")

    answer = stack.api("POST", f"/api/v3/pages/{pk}/actions/unpublish/", token, {})
    assert answer.status == 200, answer.body[:500]

    assert stack.get(path).status == 404
    assert stack.get(f"/api/v2/pages/{pk}/").status == 404
    listing = json.loads(stack.get("/api/v2/pages/?type=procedures.ProcedurePage&limit=50").body)
    assert pk not in [item["id"] for item in listing["items"]]


def test_admin_and_preview_are_never_cached(stack):
    pk = page_id(stack, PROCEDURE_PATH)
    for path in ("/admin/login/", f"/admin/pages/{pk}/edit/preview/", f"/admin/pages/{pk}/"):
        answers = [stack.get(path) for _ in range(2)]
        assert [answer.cache for answer in answers] == ["PASS", "PASS"], path


def test_form_posts_are_never_cached(stack):
    answers = [
        stack.request(
            "POST",
            "/admin/login/",
            body="username=nobody&password=wrong",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        for _ in range(2)
    ]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"]


def test_token_api_calls_are_never_cached_nor_answered_from_the_cache(stack, token):
    pk = page_id(stack, LOCATION_PATH)
    cached(stack, f"/api/v3/pages/{pk}/")
    answers = [stack.api("GET", f"/api/v3/pages/{pk}/", token) for _ in range(2)]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"]
    assert all("no-store" in answer.headers["cache-control"] for answer in answers)


def test_a_signed_in_editor_is_never_answered_from_the_cache(stack):
    cached(stack, LOCATION_PATH)
    answer = stack.get(LOCATION_PATH, headers={"Cookie": "sessionid=abc123"})
    assert answer.cache == "PASS"


def test_other_cookies_do_not_bypass_the_cache(stack):
    cached(stack, LOCATION_PATH)
    answer = stack.get(LOCATION_PATH, headers={"Cookie": "csrftoken=abc; theme=dark"})
    assert answer.cache == "HIT"
