"""The search cluster, the virus scanner or the object store is down: every answer still
tells the truth.

Each test takes one dependency away (a closed loopback port where the real client
connects, or a scanner that accepts and never answers) and goes, ROUNDS times, over
what a visitor, a partner and an editor do. What needs only the database still
answers 200 (or its redirect); what needs the missing dependency answers 503 and
says so, never a 500; a write that committed (a lead, a publish) is answered as a
success, and a write that failed (a lead whose file could not be scanned) as a
failure, with nothing stored. Redis outages: test_redis_outage.py.
"""

import functools
import json
import socket
from contextlib import contextmanager

import pytest
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import APIToken, Collection

from cms.settings.base import object_store
from cms.settings.search import search_backends
from leads.models import LeadSubmission
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from tests.builders import a_site
from tests.leads.helpers import (
    PDF_BYTES,
    PNG_BYTES,
    a_call_back_form,
    a_mri_review_form,
    mri_data,
    upload,
)
from tests.resilience.helpers import a_closed_port, coming_back, logging_in, reading

pytestmark = pytest.mark.django_db
ROUNDS = 2
PASSWORD = "correct horse battery staple"


@pytest.fixture
def built():
    built = a_site()
    built.procedure = ProcedurePageFactory(parent=built.procedures, title="Lumbar Foraminotomy")
    ConditionPageFactory(parent=built.conditions, title="Spinal Stenosis")
    built.call_back = a_call_back_form(built.home)
    built.mri = a_mri_review_form(built)
    return built


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("outage", "o@example.com", PASSWORD)


@pytest.fixture
def visitor(built):
    return Client(headers=built.headers, raise_request_exception=False)


@pytest.fixture(autouse=True)
def own_private_root(settings, tmp_path):
    settings.LEADS_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def no_lead_rate_limit(settings):
    """The loops send many leads from one address, and the limit's counters live in the
    shared cache (Redis under CI), where earlier tests' posts still count: the limit has
    tests of its own."""
    settings.LEADS_RATE_LIMIT_PER_IP = 0
    settings.LEADS_RATE_LIMIT_PER_EMAIL = 0


def stored(form):
    return LeadSubmission.objects.filter(page=form).count()


def a_write(send, form):
    """Send, and tell whether a submission was stored by it."""
    before = stored(form)
    response = send()
    return response, stored(form) == before + 1


def common_visits(built, editor, visitor):
    """(what, visit, expected status, expected effect) that need the database alone."""
    token = APIToken.create_token(user=editor, name="outage")[1]
    titles = iter(range(1000))

    def publish():
        title = f"Lumbar Foraminotomy {next(titles)}"
        response = visitor.patch(
            f"/api/v3/pages/{built.procedure.pk}/",
            data=json.dumps({"title": title, "meta": {"action": "publish"}}),
            content_type="application/json",
            headers={"authorization": f"Bearer {token}"},
        )
        built.procedure.refresh_from_db()
        return response, built.procedure.live and built.procedure.title == title

    def send_call_back():
        data = {"full_name": "Pat Outage", "phone": "214-555-0100", "best_time_to_call": "Morning"}
        return a_write(lambda: visitor.post(built.call_back.url, data), built.call_back)

    log_in = logging_in(built, editor.username, PASSWORD)
    read = functools.partial(reading, visitor)

    return [
        ("page", read(built.procedure.url), 200, None),
        ("API v2 listing", read("/api/v2/pages/?type=procedures.ProcedurePage"), 200, None),
        ("API v3 detail", read(f"/api/v3/pages/{built.procedure.pk}/"), 200, None),
        ("lead form", read(built.call_back.url), 200, None),
        ("lead sent", send_call_back, 200, True),
        ("admin login", log_in, 302, True),
        ("API v3 publish", publish, 200, True),
    ]


def answers_of_a_loop(visits):
    """Each visit, ROUNDS times: (what, status, expected status, effect, expected effect)."""
    answers = []
    for _ in range(ROUNDS):
        for what, visit, status, effect in visits:
            with coming_back(what):
                response, happened = visit()
            answers.append((what, response.status_code, status, happened, effect))
    return answers


def assert_every_answer_is_right(answers):
    assert [(what, got) for what, got, *_ in answers if got >= 500 and got != 503] == []
    assert [(what, got, want) for what, got, want, *_ in answers if got != want] == []
    # A success status only when the write happened, a failure only when it did not.
    wrong = [(what, did) for what, _, _, did, want in answers if want is not None and did != want]
    assert wrong == []


# --- the search cluster ------------------------------------------------------------


@pytest.fixture
def cluster_down(built, settings):
    """SEARCH_BACKEND=opensearch with SEARCH_URLS naming a closed port, as from the environment."""
    urls = [f"http://127.0.0.1:{a_closed_port()}"]
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URLS = urls
    settings.WAGTAILSEARCH_BACKENDS = search_backends("opensearch", urls, "test_outage_")


def search_visits(visitor):
    def searched(url):
        def visit():
            response = visitor.get(url)
            # It says search is down; it never pretends nothing matched.
            return response, b"No results" not in response.content

        return visit

    return [
        ("site search", searched("/search/?q=stenosis"), 503, True),
        ("suggestions", searched("/search/suggest/?q=sten"), 503, True),
        ("API v2 search", searched("/api/v2/pages/?search=stenosis"), 503, True),
        ("API v3 search", searched("/api/v3/pages/?search=stenosis"), 503, True),
        ("empty search page", searched("/search/"), 200, True),
    ]


def test_a_search_cluster_that_is_down_costs_only_searches(built, editor, visitor, cluster_down):
    visits = common_visits(built, editor, visitor) + search_visits(visitor)
    assert_every_answer_is_right(answers_of_a_loop(visits))


# --- the virus scanner -------------------------------------------------------------


@contextmanager
def scanner_silent(settings):
    """A scanner that accepts the connection and never gives a verdict (hung)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.CLAMAV_URL = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        settings.CLAMAV_TIMEOUT = 0.5
        yield


@contextmanager
def scanner_down(settings):
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{a_closed_port()}"
    yield


def upload_visit(built, visitor):
    def send_scan():
        def send():
            return visitor.post(
                built.mri.url, mri_data(mri_or_ct_report_or_images=upload(PDF_BYTES))
            )

        response, happened = a_write(send, built.mri)
        return response, happened

    # Refused: a 503, and nothing stored.
    return [("lead with a file", send_scan, 503, False)]


@pytest.mark.parametrize("outage", [scanner_down, scanner_silent], ids=["down", "hung"])
def test_a_scanner_outage_refuses_only_files_and_says_so(built, editor, visitor, settings, outage):
    with outage(settings):
        visits = common_visits(built, editor, visitor) + upload_visit(built, visitor)
        assert_every_answer_is_right(answers_of_a_loop(visits))


# --- the object store --------------------------------------------------------------


def test_an_image_upload_while_the_object_store_is_down_is_a_503_and_keeps_nothing(
    built, editor, visitor, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_store(
            "core.storage.MediaObjectStorage",
            "media",
            f"http://127.0.0.1:{a_closed_port()}",
            settings.OBJECT_STORE_ACCESS_KEY,
            settings.OBJECT_STORE_SECRET_KEY,
        ),
    }
    token = APIToken.create_token(user=editor, name="outage")[1]
    with coming_back("an image upload"):
        response = visitor.post(
            "/api/v3/images/",
            {"title": "Lumbar model", "collection_id": Collection.get_first_root_node().pk,
             "file": upload(PNG_BYTES, name="model.png")},
            headers={"authorization": f"Bearer {token}"},
        )  # fmt: skip
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "nothing was saved" in response.json()["detail"]
    assert not get_image_model().objects.filter(title="Lumbar model").exists()
