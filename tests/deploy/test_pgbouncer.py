"""The stack's processes reach PostgreSQL through PgBouncer in transaction pooling mode
(issue #19, "Several app servers": deploy/pgbouncer/pgbouncer.ini, scripts/stack.sh).

The stack runs here on a database of the machine's own PostgreSQL (scripts/services/
postgres.sh, as `make stack` does), with two app servers. PgBouncer's admin console
names the clients it serves; each process of the stack names itself
(DATABASE_APPLICATION_NAME). Under transaction pooling one Django connection's
transactions may each run on another server connection: pages, the API, a large listing
read with an iterator, a publish with its queued tasks and the periodic jobs must all still work.
"""

import json
import time
from urllib.parse import urlsplit

import psycopg
import pytest
import requests
from bs4 import BeautifulSoup

from tests.deploy.conftest import STACK_DATABASE
from tests.deploy.test_no_local_state import Browser

pytestmark = [pytest.mark.varnish, pytest.mark.live_server]

#: An upper bound on how long the stack's processes take to connect, not a measurement.
CONNECT_SECONDS = 60
LOG_READER = "pooler-log-reader"
LOG_READER_PASSWORD = "a lead manager's long password for the pooler"  # noqa: S105 - test account
#: Entries of one submission, more than Django reads in one chunk of an iterator (2000).
LOG_ENTRIES = 2500
LOG_SUBMISSION = 987654
ACCESS_LOG_PAGE = 100  # leads/views.py

ACCESS_LOG = """
import json
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from leads.models import SubmissionAccessLog
from leads.permissions import every_form_group

manager = get_user_model().objects.create_user(LOG_READER, "log@example.com", LOG_READER_PASSWORD)
manager.groups.add(every_form_group())
device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
action = SubmissionAccessLog.Action.READ
SubmissionAccessLog.objects.bulk_create(
    [SubmissionAccessLog(username="reader", action=action, submission_ids=[LOG_SUBMISSION])
     for _ in range(LOG_ENTRIES)]
    + [SubmissionAccessLog(username="reader", action=action, submission_ids=[1]) for _ in range(50)]
)
print(json.dumps({"totp_key": device.key}))
"""

ITERATION = """
import json
from django.db import connection, transaction
from wagtail.models import Page

# Rows read a few at a time, a query between two chunks, outside any transaction: each
# statement is a transaction of its own and may run on another server connection.
titles = []
for page in Page.objects.order_by("pk").iterator(chunk_size=3):
    titles.append(page.title)
    Page.objects.filter(pk=page.pk).exists()
time_zones = set()
for _ in range(20):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('TimeZone')")
        time_zones.add(cursor.fetchone()[0])
print(json.dumps({
    "read": len(titles),
    "expected": Page.objects.count(),
    "time_zones": sorted(time_zones),
    "server_side_cursors_disabled": connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"],
}))
"""

PUBLISH = """
import json
from changes.models import ChangeEvent
from procedures.models import ProcedurePage

page = ProcedurePage.objects.live().order_by("pk").first()
page.title = "Microdiscectomy through the pooler"
revision = page.save_revision()
revision.publish()
print(json.dumps({
    "url": page.get_url(),
    "events": ChangeEvent.objects.filter(revision_id=revision.pk).count(),
}))
"""

PERIODIC_JOBS = """
import json
from scheduling.models import JobRun
print(json.dumps(JobRun.objects.filter(succeeded=True).count()))
"""


@pytest.fixture(scope="module")
def access_log(stack):
    """A lead manager of every form, and a long access log of one submission."""
    code = ACCESS_LOG
    for name in ("LOG_READER_PASSWORD", "LOG_READER", "LOG_ENTRIES", "LOG_SUBMISSION"):
        code = code.replace(name, repr(globals()[name]))
    return stack_json(stack, code)


def console(stack, command):
    """Rows of a SHOW command on PgBouncer's admin console, as dictionaries."""
    with psycopg.connect(stack.env["STACK_PGBOUNCER_URL"], autocommit=True) as pooler:
        cursor = pooler.execute(command)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def stack_json(stack, code):
    return json.loads(stack.python(code).strip().splitlines()[-1])


def test_the_stack_gives_the_app_the_pooler_and_keeps_the_database_for_migrations(stack):
    pooler_port = int(stack.env["PGBOUNCER_PORT"])
    app = psycopg.conninfo.conninfo_to_dict(stack.env["DATABASE_URL"])
    direct = psycopg.conninfo.conninfo_to_dict(stack.env["DATABASE_DIRECT_URL"])
    assert int(app["port"]) == pooler_port
    assert int(direct["port"]) != pooler_port
    assert app["dbname"] == direct["dbname"] == STACK_DATABASE
    assert stack.env["DATABASE_POOLER"] == "pgbouncer"
    [pool] = [pool for pool in console(stack, "SHOW POOLS") if pool["database"] == STACK_DATABASE]
    assert pool["pool_mode"] == "transaction"


def test_every_process_of_the_stack_connects_through_pgbouncer(stack):
    for server in (stack.env["STACK_GUNICORN_URL"], stack.env["STACK_GUNICORN_2_URL"]):
        ready = requests.get(f"{server}/readyz", timeout=30)
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"]["database"] == "ok"
    expected = {"foramen-gunicorn", "foramen-gunicorn-2", "foramen-worker", "foramen-scheduler"}
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        clients = {
            client["application_name"]
            for client in console(stack, "SHOW CLIENTS")
            if client["database"] == STACK_DATABASE
        }
        if expected <= clients or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert expected <= clients, f"PgBouncer serves {sorted(clients)}"


def test_pages_and_the_api_answer_through_the_pooler(stack):
    for server in (stack.env["STACK_GUNICORN_URL"], stack.env["STACK_GUNICORN_2_URL"]):
        home = requests.get(f"{server}/", timeout=30)
        assert home.status_code == 200
        pages = requests.get(f"{server}/api/v2/pages/?limit=50", timeout=30)
        assert pages.status_code == 200
        assert pages.json()["meta"]["total_count"] > 0
    assert stack.get("/").status == 200


def test_a_lead_manager_reads_a_long_access_log_narrowed_to_one_submission(stack, access_log):
    """The access log narrowed to one submission reads every entry with QuerySet.iterator()
    (leads/views.py): the path of a server-side cursor, which transaction pooling would
    lose between two transactions."""
    manager = Browser(stack)
    server = stack.env["STACK_GUNICORN_URL"]
    manager.log_in(server, LOG_READER, LOG_READER_PASSWORD, access_log["totp_key"])
    answer = manager.get(server, f"/admin/leads/log/?submission={LOG_SUBMISSION}")
    assert answer.status_code == 200
    page = BeautifulSoup(answer.text, "html.parser")
    rows = page.select("table.listing tbody tr")
    assert len(rows) == ACCESS_LOG_PAGE
    assert all(str(LOG_SUBMISSION) in row.find_all("td")[4].text for row in rows)
    pages = -(-LOG_ENTRIES // ACCESS_LOG_PAGE)
    assert f"Page 1 of {pages}" in page.get_text(" ", strip=True)


def test_a_queryset_read_in_chunks_across_transactions_returns_every_row(stack):
    result = stack_json(stack, ITERATION)
    assert result["server_side_cursors_disabled"] is True
    assert result["read"] == result["expected"] > 0
    # Django sets no session time zone: every server connection starts in UTC.
    assert result["time_zones"] == ["UTC"]


def test_a_publish_through_the_pooler_records_its_change_and_its_tasks_run(stack):
    published = stack_json(stack, PUBLISH)
    # The outbox's transaction-scoped advisory lock (changes/outbox.py) held and released.
    assert published["events"] >= 1
    # stack.python waited for the worker to run the publish's purges and indexing.
    path = urlsplit(published["url"]).path
    page = requests.get(f"{stack.env['STACK_GUNICORN_2_URL']}{path}", timeout=30)
    assert page.status_code == 200
    assert "Microdiscectomy through the pooler" in page.text


def test_the_scheduler_claims_and_runs_its_jobs_through_the_pooler(stack):
    deadline = time.monotonic() + CONNECT_SECONDS
    while not (runs := stack_json(stack, PERIODIC_JOBS)) and time.monotonic() < deadline:
        time.sleep(1)
    assert runs > 0
