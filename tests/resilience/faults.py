"""`make faults`: the production stack under a bounded request loop, one dependency taken
away at a time (issue #19, "Faults, under bounded load"). Loopback only.

The stack (scripts/stack.sh) runs on a PostgreSQL cluster of its own (initdb in a
temporary folder, tests/resilience/postgres_cluster.py) and an OpenSearch of its own,
so that both may be stopped without touching the machine's. For each fault, visitors
read pages through Varnish in a loop bounded in count and time while the fault lasts,
and a patient and an editor do what they would meanwhile; the data checks then look at
what the stack kept, as they would notice it:

- Redis stopped for 30 s: a lead sent meanwhile is stored, a publish is shown after.
- the search cluster stopped (SIGSTOP: it accepts connections and never answers):
  searches say the search is unavailable (503), and a page published meanwhile is
  found once the cluster is back, its indexing task retried by the worker.
- the object store stopped: a lead with a file and an image upload are refused with a
  clear message, nothing half-written (no submission, no image row); both go through
  after it is back.
- the worker killed mid-task (SIGKILL while it makes an image's renditions): started
  again, the task runs to its end once, every rendition made once.
- PostgreSQL restarted (fast shutdown: every connection cut): the app servers carry on
  without a restart, a lead sent right after is stored.

In every fault, no page that Varnish had cached was answered with a 5xx. Nothing needs
a restart: after each fault the loop's pages answer 200 again.
"""

import http.client
import itertools
import json
import os
import signal
import subprocess
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django_tasks_db.models import DBTaskResult

from tests.frontcache.report import Result
from tests.frontcache.stack import STACK_SCRIPT, Stack
from tests.leads.helpers import PDF_BYTES, PNG_BYTES
from tests.security.replay import SETUP, Replay, multipart

#: Issue #19: "Redis stopped for 30 s".
REDIS_OUTAGE_SECONDS = int(os.environ.get("FAULTS_REDIS_OUTAGE_SECONDS", "30"))
#: Long enough for an indexing attempt to time out (the engine's 5 s) and be tried again.
SEARCH_OUTAGE_SECONDS = 12
#: The request loop's bounds: at most this many requests per fault, one visitor each
#: pausing between requests, so that the load stays a load and never a flood.
LOAD_VISITORS = 2
LOAD_MAX_REQUESTS = 4000
LOAD_PAUSE_SECONDS = 0.05
#: An answer later than this hung: it counts as no answer.
ANSWER_TIMEOUT = 30
#: The longest a step may wait for the stack to come back (an upper bound, not a measure).
RECOVERY_SECONDS = 60

SUBMISSIONS_OF = """
import json
from leads.models import LeadSubmission
rows = LeadSubmission.objects.filter(page_id={page}).order_by("pk")
print(json.dumps([[row.pk, row.uploads.count()] for row in rows]))
"""

#: The form's files in the private bucket, and the names its upload rows give.
FILES_OF = """
import json
from leads.models import LeadUpload
from leads.storage import private_storage
stored = private_storage().listdir("{page}")[1]
rows = LeadUpload.objects.filter(submission__page_id={page}).values_list("stored_name", flat=True)
print(json.dumps({{"files": sorted(stored), "rows": sorted(name.split("/")[-1] for name in rows)}}))
"""

ROOT_COLLECTION = """
from wagtail.models import Collection
print(Collection.get_first_root_node().pk)
"""

IMAGE_COUNT = """
from wagtail.images import get_image_model
print(get_image_model().objects.filter(title={title!r}).count())
"""

RENDITIONS_OF = """
import json
from wagtail.images import get_image_model
image = get_image_model().objects.get(title={title!r})
specs = list(image.renditions.values_list("filter_spec", flat=True))
print(json.dumps({{"image": image.pk, "renditions": len(specs), "distinct": len(set(specs))}}))
"""

TASKS_OF = """
import json
import pytest
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.filter(task_path="core.renditions.generate_renditions",
                                   args_kwargs__args=[{image}])
print(json.dumps([[row.status, len(row.worker_ids)] for row in rows]))
"""

MAKE_IMAGE = """
import io
from PIL import Image as Picture
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
picture = Picture.effect_mandelbrot((3000, 2000), (-2, -1.2, 1, 1.2), 60).convert("RGB")
data = io.BytesIO()
picture.save(data, "JPEG", quality=90)
get_image_model().objects.create(title={title!r}, file=ImageFile(data, name="fault.jpg"))
"""


# --- The request loop ---------------------------------------------------------------


@dataclass
class Load:
    """Visitors reading ``paths`` through Varnish in threads, until stopped or bounded."""

    stack: Stack
    result: Result
    paths: list
    answers: list = field(default_factory=list)  # (path, status or None, X-Cache)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._visit, args=(f"127.0.1.{n + 1}",), daemon=True)
            for n in range(LOAD_VISITORS)
        ]

    def _visit(self, address):
        netloc = urlsplit(self.stack.https_url).netloc
        for n in range(LOAD_MAX_REQUESTS // LOAD_VISITORS):
            if self._stop.is_set():
                return
            path = self.paths[n % len(self.paths)]
            status, cache = _get(netloc, path, address)
            with self._lock:
                self.result.answered(status)
                self.answers.append((path, status, cache))
            self._stop.wait(LOAD_PAUSE_SECONDS)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(ANSWER_TIMEOUT + 5)


def _get(netloc, path, address):
    connection = http.client.HTTPConnection(
        netloc, timeout=ANSWER_TIMEOUT, source_address=(address, 0)
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Cache")
    except OSError:
        return None, None
    finally:
        connection.close()


# --- The stack, its own PostgreSQL and search engine, and what the checks share ----------


@dataclass
class Faults:
    stack: Stack
    replay: Replay
    postgres: object  # tests.resilience.postgres_cluster.OwnPostgres
    search_engine_pid: int
    root_collection: int
    cached: list = field(default_factory=list)

    def service(self, action, name):
        """scripts/stack.sh stop-service or start-service NAME, on this stack."""
        done = subprocess.run(
            [str(STACK_SCRIPT), f"{action}-service", name],
            env=self.stack.env,
            capture_output=True,
            text=True,
            timeout=RECOVERY_SECONDS * 2,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"stack.sh {action}-service {name}: {done.stderr[-2000:]}")

    def warm(self, paths):
        """Read each page until Varnish answers it from its cache: the pages it can serve."""
        visitor = self.replay.visitor(Result("warming"))
        self.cached = [path for path in paths if _cached(visitor, path)]
        return self.cached

    def load(self, result):
        paths = [*self.cached, "/search/?q=disc", "/api/v2/pages/?type=locations.LocationPage"]
        return Load(self.stack, result, paths)

    def read(self, code):
        """What ``code`` prints in a Django shell of the stack that reads PostgreSQL past
        PgBouncer (its own ``server_login_retry`` refuses logins a while after a restart:
        the drill's bookkeeping must not be what fails), once the worker is done."""
        direct = self.stack.env.get("DATABASE_DIRECT_URL") or self.stack.env["DATABASE_URL"]
        output = self.stack.manage("shell", "-v0", "-c", code, env={"DATABASE_URL": direct})
        self.stack.wait_for_tasks()
        return output

    def pid(self, name):
        return int((self.stack.root / f"{name}.pid").read_text())

    def eventually(self, holds):
        """Whether ``holds()`` came true within RECOVERY_SECONDS (asked again and again)."""
        deadline = time.monotonic() + RECOVERY_SECONDS
        while time.monotonic() < deadline:
            if holds():
                return True
            time.sleep(0.2)
        return False


def _cached(visitor, path):
    return any(visitor.get(path).cache == "HIT" for _ in range(3))


HTTPS = {"X-Forwarded-Proto": "https"}
CACHED_PAGES = ["/", "/procedures/", "/conditions/", "/locations/"]


def no_5xx_for_cached_pages(faults, result, load):
    """The data check every fault makes: a page Varnish had was never answered with a 5xx."""
    cached = set(faults.cached)
    wrong = [
        (path, status)
        for path, status, _ in load.answers
        if path in cached and (status or 0) >= 500
    ]
    unanswered = [path for path, status, _ in load.answers if path in cached and status is None]
    served = sum(1 for path, status, _ in load.answers if path in cached and status == 200)
    result.expect(
        f"{served} answers of cached pages, none a 5xx ({sorted(set(wrong))[:3]}) nor lost"
        f" ({len(unanswered)})",
        not wrong and not unanswered and served > 0,
    )


def answers_again(faults, result):
    """After the fault: every page of the loop answers 200 again, without any restart."""
    visitor = faults.replay.visitor(result)
    paths = [*faults.cached, "/search/?q=disc", "/api/v2/pages/?type=locations.LocationPage"]
    statuses = {}

    def all_answer():
        for path in paths:
            statuses[path] = visitor.get(path).status
            # Past Varnish too: the app server itself answers, as it is (no restart).
            direct = visitor.get(path, base=faults.stack.gunicorn_url, headers=HTTPS)
            statuses[f"{path} (gunicorn)"] = direct.status
        return all(status == 200 for status in statuses.values())

    answered = faults.eventually(all_answer)
    wrong = {path: status for path, status in statuses.items() if status != 200}
    result.expect(f"afterwards every page answers 200, past Varnish too ({wrong})", answered)


LEAD_FIELDS = {
    "full_name": "Fault Probe",
    "street_address": "1 Main St",
    "city": "Plano",
    "state": "TX",
    "zip_code": "75024",
}
MRI_FIELDS = {
    "full_name": "Fault Probe",
    "email": "fault.probe@example.net",
    "phone": "214-555-0100",
    "symptoms": "Fault-probe-symptoms",
}


def submissions(faults, form):
    page = faults.replay.facts["forms"][form]["id"]
    return json.loads(faults.read(SUBMISSIONS_OF.format(page=page)))


def send_lead(faults, result, form="free-info-kit", files=()):
    """A patient sends a lead: (answer, submissions added by it)."""
    before = len(submissions(faults, form))
    visitor = faults.replay.visitor(result)
    fields = LEAD_FIELDS if form == "free-info-kit" else MRI_FIELDS
    answer = visitor.post_form(faults.replay.facts["forms"][form]["path"], fields, files=files)
    return answer, submissions(faults, form)[before:]


def publish_title(faults, result, title):
    """An editor renames the location page and publishes it through the v3 API."""
    visitor = faults.replay.visitor(result)
    location = faults.replay.facts["location"]
    return visitor.api(
        "PATCH",
        f"/api/v3/pages/{location['id']}/",
        faults.replay.facts["admin_token"],
        {"title": title, "meta": {"action": "publish"}},
    )


# --- The faults --------------------------------------------------------------------------


def fault_redis(faults, result):
    """Redis (both: the cache and sessions', and the render cache's) stopped for 30 s."""
    title = "Plano Spine Center (Redis outage)"
    with faults.load(result) as load:
        stopped_at = time.monotonic()
        faults.service("stop", "redis")
        try:
            answer, added = send_lead(faults, result)
            result.expect(
                f"a lead sent meanwhile: {answer.status}, stored {len(added)}",
                answer.status == 200 and len(added) == 1,
            )
            published = publish_title(faults, result, title)
            result.expect(f"a publish meanwhile: {published.status}", published.status == 200)
            time.sleep(max(0, REDIS_OUTAGE_SECONDS - (time.monotonic() - stopped_at)))
        finally:
            faults.service("start", "redis")
        faults.stack.wait_for_tasks()
    no_5xx_for_cached_pages(faults, result, load)
    page = faults.replay.visitor(result).get(faults.replay.facts["location"]["path"])
    result.expect("the page published meanwhile shows its new title", title in page.body)
    answers_again(faults, result)


def fault_search(faults, result):
    """The search cluster stopped (SIGSTOP): searches say so, a page published meanwhile
    is found after."""
    word = "Faultline"
    title = f"Plano Spine Center {word}"
    visitor = faults.replay.visitor(result)
    with faults.load(result) as load:
        os.kill(faults.search_engine_pid, signal.SIGSTOP)
        try:
            published = publish_title(faults, result, title)
            result.expect(f"a publish meanwhile: {published.status}", published.status == 200)
            search = visitor.get(f"/search/?q={word}&during=outage")
            result.expect(
                f"a search meanwhile: {search.status}, says it is unavailable",
                search.status == 503 and "unavailable" in search.body.lower(),
            )
            time.sleep(SEARCH_OUTAGE_SECONDS)
        finally:
            os.kill(faults.search_engine_pid, signal.SIGCONT)
        faults.stack.wait_for_tasks()
    no_5xx_for_cached_pages(faults, result, load)
    found = {}

    polls = itertools.count()

    def searchable():
        # Varnish keeps a result page for a minute whatever the request asks: each poll
        # is a query of its own, or the first (empty) answer would be read again.
        found["answer"] = visitor.get(f"/search/?q={word}&after=outage&poll={next(polls)}")
        return found["answer"].status == 200 and title in found["answer"].body

    found_it = faults.eventually(searchable)
    result.expect(
        f"the page published meanwhile is found after ({found['answer'].status})", found_it
    )
    answers_again(faults, result)


def upload_image(faults, result, title):
    """An editor uploads an image through the v3 API (a form upload)."""
    visitor = faults.replay.visitor(result)
    fields = {"title": title, "collection_id": faults.root_collection}
    body, content_type = multipart(fields, [("file", "upload.png", PNG_BYTES)])
    return visitor.request(
        "POST",
        "/api/v3/images/",
        body=body,
        headers={
            "Authorization": f"Bearer {faults.replay.facts['admin_token']}",
            "Content-Type": content_type,
        },
    )


def images_titled(faults, title):
    return int(faults.read(IMAGE_COUNT.format(title=title)))


def fault_object_store(faults, result):
    """The object store stopped: uploads are refused with a clear message, nothing half-kept."""
    file = [("mri_or_ct_report_or_images", "report.pdf", PDF_BYTES)]
    with faults.load(result) as load:
        faults.service("stop", "object-store")
        try:
            answer, added = send_lead(faults, result, "free-mri-ct-review", files=file)
            result.expect(
                f"a lead with a file meanwhile: {answer.status}, says it was not saved,"
                f" stored {len(added)}",
                answer.status == 503 and "could not be saved" in answer.body and not added,
            )
            upload = upload_image(faults, result, "Fault upload (outage)")
            result.expect(
                f"an image upload meanwhile: {upload.status}, says nothing was saved",
                upload.status == 503 and "nothing was saved" in upload.body,
            )
            result.expect(
                "no image row without its file", images_titled(faults, "Fault upload (outage)") == 0
            )
        finally:
            faults.service("start", "object-store")
    no_5xx_for_cached_pages(faults, result, load)
    answer, added = send_lead(faults, result, "free-mri-ct-review", files=file)
    result.expect(
        f"after: the lead with its file: {answer.status}, stored {added}",
        answer.status == 200 and [uploads for _, uploads in added] == [1],
    )
    page = faults.replay.facts["forms"]["free-mri-ct-review"]["id"]
    kept = json.loads(faults.read(FILES_OF.format(page=page)))
    result.expect(
        f"no file without its row, no row without its file ({len(kept['files'])} files)",
        kept["files"] == kept["rows"] and kept["files"],
    )
    upload = upload_image(faults, result, "Fault upload (after)")
    result.expect(f"after: the image upload: {upload.status}", upload.status == 201)
    answers_again(faults, result)


def renditions_running(faults):
    [(running,)] = faults.stack.query(
        f"SELECT count(*) FROM {DBTaskResult._meta.db_table}"  # noqa: S608
        " WHERE status = 'RUNNING' AND task_path = %s",
        ["core.renditions.generate_renditions"],
    )
    return running == 1


def fault_worker(faults, result):
    """The worker killed (SIGKILL) while it makes an image's renditions."""
    title = "Fault renditions"
    with faults.load(result) as load:
        # Saved in a shell of the stack: the renditions task is queued, not waited for. The
        # worker is paused meanwhile, so that the task cannot be over before it is watched.
        os.kill(faults.pid("worker"), signal.SIGSTOP)
        try:
            faults.stack.manage("shell", "-v0", "-c", MAKE_IMAGE.format(title=title))
        finally:
            os.kill(faults.pid("worker"), signal.SIGCONT)
        running = faults.eventually(lambda: renditions_running(faults))
        os.kill(faults.pid("worker"), signal.SIGKILL)
        result.expect(
            "the worker was killed while the task ran", running and renditions_running(faults)
        )
        faults.service("start", "worker")
        # What the scheduler's requeue_abandoned_tasks does each minute, at once: a task
        # still marked running without its worker is made ready again.
        requeued = faults.stack.manage(
            "requeue_abandoned_tasks", env={"TASKS_ABANDONED_SECONDS": "0"}
        )
        result.expect(f"requeued: {requeued.strip()}", requeued.startswith("1 abandoned"))
        faults.stack.wait_for_tasks()
    no_5xx_for_cached_pages(faults, result, load)
    made = json.loads(faults.read(RENDITIONS_OF.format(title=title)))
    tasks = json.loads(faults.read(TASKS_OF.format(image=made["image"])))
    result.expect(
        f"one task for the image, successful at its 2nd attempt ({tasks})",
        tasks == [["SUCCESSFUL", 2]],
    )
    result.expect(
        f"each rendition made once ({made['renditions']} renditions, {made['distinct']} sizes)",
        made["renditions"] == made["distinct"] > 0,
    )
    answers_again(faults, result)


def fault_postgres(faults, result):
    """PostgreSQL restarted (fast: every connection cut); app servers and worker are not."""
    title = "Plano Spine Center (after a restart)"
    with faults.load(result) as load:
        time.sleep(1)
        faults.postgres.restart()
        answer, added = send_lead(faults, result)
        result.expect(
            f"a lead sent right after: {answer.status}, stored {len(added)}",
            answer.status == 200 and len(added) == 1,
        )
        published = publish_title(faults, result, title)
        result.expect(f"a publish right after: {published.status}", published.status == 200)
        ran = faults.eventually(lambda: faults.stack.due_tasks() == 0)
        alive = Path(f"/proc/{faults.pid('worker')}").exists()
        result.expect(
            f"the worker runs what was queued after (worker {'alive' if alive else 'gone'})",
            ran and alive,
        )
    no_5xx_for_cached_pages(faults, result, load)
    page = faults.replay.visitor(result).get(faults.replay.facts["location"]["path"])
    result.expect("the page published after shows its new title", title in page.body)
    ready = faults.replay.visitor(result).get("/readyz", base=faults.stack.gunicorn_url)
    result.expect(
        f"the app server is ready again without a restart ({ready.status})", ready.status == 200
    )
    answers_again(faults, result)


FAULTS = [
    ("Redis stopped", fault_redis),
    ("search cluster stopped", fault_search),
    ("object store stopped", fault_object_store),
    ("worker killed mid-task", fault_worker),
    ("PostgreSQL restarted", fault_postgres),
]


def run_faults(stack, postgres, search_engine_pid):
    """Every fault against ``stack``; a fault that raised fails with the error."""
    replay = Replay(stack=stack, facts=json.loads(stack.python(SETUP)))
    root_collection = int(stack.python(ROOT_COLLECTION))
    faults = Faults(stack, replay, postgres, search_engine_pid, root_collection)
    location = replay.facts["location"]["path"]
    results = []
    for name, fault in FAULTS:
        result = Result(name, strict=False)
        try:
            faults.warm([*CACHED_PAGES, location])
            fault(faults, result)
        except (Exception, pytest.fail.Exception) as error:  # the table says which, and why
            result.expect(f"ran to the end: {type(error).__name__}: {error}", False)
            result.data.append((traceback.format_exc(limit=3), False))
        results.append(result)
    return results
