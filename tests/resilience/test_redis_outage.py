"""A Redis that is down or hung costs speed, never an answer (README, "Production").

The caches are production's (cms.settings.base.redis_caches) on a redis-server of
the test's own, which each test stops, restarts or freezes with SIGSTOP while a
bounded loop of requests goes over what a visitor, a partner and an editor do:
a page, the APIs, a lead form (shown and sent), the site search and the admin
login. No answer may be a 500, none may hang on Redis, and a write that
committed (a lead, a v3 PATCH) must be answered as a success.
"""

import functools
import json
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.http import http_date
from wagtail.models import APIToken

import cms.cache
from cms.settings.base import redis_caches
from core.models import SiteSettings
from frontcache.content_changes import CONTENT_CHANGED_CACHE_KEY
from leads.models import LeadSubmission
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site
from tests.helpers import running_redis_url
from tests.leads.helpers import a_call_back_form
from tests.resilience.helpers import coming_back, logging_in, reading

pytestmark = pytest.mark.django_db
ROUNDS = 2
PASSWORD = "correct horse battery staple"
STATUS = "X-Render-Cache"


@pytest.fixture
def built(production_caches):
    built = a_site()
    SiteSettings.for_site(built.site)  # made now, not by the first visit (a content change)
    built.procedure = ProcedurePageFactory(
        parent=built.procedures, title="Lumbar Foraminotomy", slug="lumbar-foraminotomy"
    )
    built.form = a_call_back_form(built.home)
    return built


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("resilient", "r@example.com", PASSWORD)


def call_back_data(name):
    return {"full_name": name, "phone": "214-555-0100", "best_time_to_call": "Morning"}


def visits(built, editor):
    """(what, request) pairs: each request returns the answer."""
    visitor = Client(headers=built.headers)
    token = APIToken.create_token(user=editor, name="resilience")[1]
    procedure = built.procedure
    patches = iter(range(1000))

    def patch_title():
        title = f"Lumbar Foraminotomy {next(patches)}"
        response = visitor.patch(
            f"/api/v3/pages/{procedure.pk}/",
            data=json.dumps({"title": title}),
            content_type="application/json",
            headers={"authorization": f"Bearer {token}"},
        )
        procedure.refresh_from_db()
        saved = procedure.get_latest_revision().content["title"] == title
        return response, saved

    def send_lead():
        stored = LeadSubmission.objects.filter(page=built.form).count()
        response = visitor.post(built.form.url, call_back_data("Pat Outage"))
        return response, LeadSubmission.objects.filter(page=built.form).count() == stored + 1

    log_in = logging_in(built, editor.username, PASSWORD)
    read = functools.partial(reading, visitor)

    return [
        ("page", read(procedure.url)),
        ("API v2 listing", read("/api/v2/pages/?type=procedures.ProcedurePage")),
        ("API v3 detail", read(f"/api/v3/pages/{procedure.pk}/")),
        ("lead form", read(built.form.url)),
        ("lead sent", send_lead),
        ("search", read("/search/?q=foraminotomy")),
        ("admin login page", read("/admin/login/")),
        ("admin login", log_in),
        ("API v3 PATCH", patch_title),
    ]


def answers_of_a_loop(built, editor):
    """Each visit, ROUNDS times: (what, status, whether its write took effect)."""
    answers = []
    for _ in range(ROUNDS):
        for what, visit in visits(built, editor):
            with coming_back(what):
                response, effect = visit()
            answers.append((what, response.status_code, effect))
    return answers


def assert_every_answer_is_right(answers):
    errors = [(what, status) for what, status, _ in answers if status >= 500]
    assert errors == []
    unexpected = [(what, status) for what, status, _ in answers if status not in (200, 302)]
    assert unexpected == []
    # Answered as a success, and so it was: written and committed.
    assert [what for what, _, effect in answers if effect is False] == []


def test_a_running_redis_serves_every_visit(built, editor):
    assert_every_answer_is_right(answers_of_a_loop(built, editor))


def test_a_stopped_redis_costs_no_answer(built, editor, redis_server):
    with redis_server.stopped():
        answers = answers_of_a_loop(built, editor)
    assert_every_answer_is_right(answers)


def test_a_hung_redis_costs_no_answer_and_is_left_alone_once_it_failed(
    built, editor, redis_server, monkeypatch
):
    answers_of_a_loop(built, editor)  # connections open, caches filled
    before = redis_server.connections_received()
    # A back-off longer than the loop, however slow the machine: once a command timed
    # out, no request of the loop may try that Redis again.
    monkeypatch.setattr(cms.cache, "BACKOFF_SECONDS", 3600)
    with redis_server.frozen():
        answers = answers_of_a_loop(built, editor)
    assert_every_answer_is_right(answers)
    # One connection for the command that timed out, one for counting.
    assert redis_server.connections_received() - before <= 2


def test_a_session_survives_a_redis_restart(built, editor, redis_server):
    browser = Client(headers=built.headers)
    assert browser.post("/admin/login/", {"username": editor.username, "password": PASSWORD})[
        "Location"
    ].startswith("/admin/")
    assert browser.get("/admin/").status_code == 200
    redis_server.restart()  # empty again: the stack keeps no Redis data on disk
    assert browser.get("/admin/").status_code == 200


def test_an_outage_keeps_the_api_last_modified_this_process_read(built, redis_server):
    a_while_ago = 1_700_000_000
    cache.set(CONTENT_CHANGED_CACHE_KEY, a_while_ago, timeout=None)
    detail = f"/api/v2/pages/{built.procedure.pk}/"
    visitor = Client(headers=built.headers)
    assert visitor.get(detail)["Last-Modified"] == http_date(a_while_ago)
    with redis_server.stopped():
        response = visitor.get(detail)
    assert response.status_code == 200
    assert response["Last-Modified"] == http_date(a_while_ago)


def test_rendered_answers_stay_in_use_while_the_default_cache_is_down(
    settings, built, redis_server
):
    settings.CACHES = {
        **settings.CACHES,
        "renders": redis_caches(running_redis_url(), None, f"renders-{uuid.uuid4().hex}")[
            "default"
        ],
    }
    visitor = Client(headers=built.headers)
    url = built.procedure.url
    assert [visitor.get(url)[STATUS] for _ in range(2)] == ["miss", "hit"]
    with redis_server.stopped():
        # The content generation of the keys is the last this process read.
        assert visitor.get(url)[STATUS] == "hit"
