"""The reproductions of issue #21 replayed against the production stack (scripts/stack.sh).

Each check sends the requests that once broke the stack, through Varnish's HTTPS
listener as a patient, a partner or an attacker would, from client addresses of its
own (any 127.x.y.z reaches loopback), and counts its requests and its 5xx answers;
its data checks look at what the stack kept: submissions stored or not, Redis
memory, what Varnish serves, who may still log in. A check passes with no 5xx and
every data check true. ``run_checks`` runs them all and tests/frontcache/report.py's
``table`` prints them.
"""

import http.client
import json
import os
import random
import re
import signal
import socket
import string
import subprocess
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import redis

from cms.cache import BACKOFF_SECONDS
from tests.frontcache.report import Result
from tests.frontcache.stack import BASE_DIR, Answer
from tests.leads.helpers import PDF_BYTES, eicar

MEGABYTE = 1024 * 1024
# Above this, a worker's peak memory grew by buffering what it should have refused.
WORKER_GROWTH_BOUND = 40 * MEGABYTE
# Far above what a few variants of one listing take; one pickled listing was 3 MB.
RENDER_REDIS_GROWTH_BOUND = 8 * MEGABYTE
REDIS_HANG_BOUND = 30  # seconds: an answer later than this hung on Redis
APP_LOGS = ("gunicorn.log", "gunicorn-2.log")  # the app servers' logs in the stack's dir
RATE_LIMIT_UNAVAILABLE = "Rate-limit cache unavailable"  # leads/ratelimit.py's warning


class Visitor:
    """One client at one loopback address, with its cookies, counting into a Result."""

    def __init__(self, stack, result, address="127.0.0.1", host=None):
        self.stack = stack
        self.result = result
        self.address = address
        self.host = host
        self.cookies = {}

    def request(self, method, path, *, headers=None, body=None, base=None):
        base = base or self.stack.https_url
        netloc = urlsplit(base).netloc
        connection = http.client.HTTPConnection(
            netloc, timeout=REDIS_HANG_BOUND, source_address=(self.address, 0)
        )
        headers = dict(headers or {})
        if self.host:
            headers.setdefault("Host", self.host)
        if self.cookies:
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            # Django's CSRF check on HTTPS wants the page's own origin.
            headers.setdefault("Origin", f"https://{headers.get('Host', netloc)}")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value
            names = {name.lower(): value for name, value in response.getheaders()}
            answer = Answer(response.status, names, text)
        finally:
            connection.close()
        self.result.answered(answer.status)
        return answer

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def form(self, path):
        """GET a form page: its CSRF token, with the cookie that goes with it."""
        answer = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body)
        return match.group(1) if match else ""

    def post_form(self, path, fields, files=(), token=None, headers=None):
        token = token if token is not None else self.form(path)
        body, content_type = multipart({"csrfmiddlewaretoken": token, **fields}, files)
        return self.request(
            "POST", path, body=body, headers={"Content-Type": content_type, **(headers or {})}
        )

    def api(self, method, path, token, payload=None, raw=None):
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = raw if raw is not None else (json.dumps(payload) if payload is not None else None)
        return self.request(method, path, headers=headers, body=body)


def multipart(fields, files=()):
    """A multipart/form-data body: fields {name: text} and files [(name, filename, bytes)]."""
    boundary = "security-replay-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode("utf-8", errors="surrogatepass")
            + b"\r\n"
        )
    for name, filename, content in files:
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


@dataclass
class Replay:
    """The stack, what the setup made on it (tokens, ids, paths), and a client address each."""

    stack: object
    facts: dict
    next_address: int = 10

    def visitor(self, result, **kwargs):
        self.next_address += 1
        return Visitor(self.stack, result, address=f"127.0.0.{self.next_address}", **kwargs)

    def submissions(self):
        return json.loads(self.stack.python(SUBMISSION_COUNTS))


# --- What the stack holds, read and set in Django shells of the stack ---------------------

SUBMISSION_COUNTS = (
    "import json\n"
    "from leads.models import LeadFormPage, LeadSubmission\n"
    "print(json.dumps({p.pk: LeadSubmission.objects.filter(page=p).count()"
    " for p in LeadFormPage.objects.all()}))\n"
)

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.models.api import APIToken
from leads.models import LeadFormPage
from locations.models import LocationPage

User = get_user_model()
admin = User.objects.filter(username="security-admin").first() or User.objects.create_superuser(
    "security-admin", "s@example.com", "a long admin pass 21")
editor = User.objects.filter(username="security-editor").first() or User.objects.create_user(
    "security-editor", "e@example.com", "a long editor pass 21")
editor.groups.add(Group.objects.get(name="Editors"))
site = Site.objects.get(is_default_site=True)
forms = LeadFormPage.objects.live().descendant_of(site.root_page)
location = LocationPage.objects.live().descendant_of(site.root_page).filter(
    locale__language_code="en").order_by("path").first()
print(json.dumps({
    "admin_token": APIToken.create_token(user=admin, name="security")[1],
    "editor_token": APIToken.create_token(user=editor, name="security")[1],
    "forms": {form.slug: {"id": form.pk, "path": form.get_url_parts()[2]} for form in forms
              if form.locale.language_code == "en"},
    "location": {"id": location.pk, "path": location.get_url_parts()[2],
                 "title": location.title, "zip": location.zip_code},
    "image": get_image_model().objects.order_by("pk").first().pk,
    "snippet": "calls-to-action",
}))
"""

MAKE_PRIVATE = """
from wagtail.models import Page, PageViewRestriction
PageViewRestriction.objects.create(page=Page.objects.get(pk={pk}), restriction_type="login")
"""


# --- The checks, one per item of the issue ---------------------------------------------


def _worker_pids(stack):
    master = int((stack.root / "gunicorn.pid").read_text())
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


def _peak_memory(stack):
    """The largest peak resident size (VmHWM) among gunicorn's workers, in bytes."""
    peaks = [0]
    for pid in _worker_pids(stack):
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024)
    return max(peaks)


def _announced_body(stack, path, length):
    """The status line Varnish answers to a POST announcing ``length`` bytes and sending none."""
    netloc = urlsplit(stack.https_url).netloc
    host, port = netloc.rsplit(":", 1)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {netloc}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {length}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.encode())
        return connection.makefile("rb").readline()


def check_request_size(replay, result):
    """1. A lead-form request cannot make a worker buffer more than the form takes."""
    forms = replay.facts["forms"]
    mri, info = forms["free-mri-ct-review"]["path"], forms["free-info-kit"]["path"]
    visitor = replay.visitor(result)
    status_line = _announced_body(replay.stack, mri, 27 * MEGABYTE)
    result.tried += 1
    result.expect("27 MB announced: 413 at the edge", status_line.startswith(b"HTTP/1.1 413"))
    before = _peak_memory(replay.stack)
    odd_names = ["x[0]", "a.b", "files[]", "mri_or_ct_report_or_images2", "__proto__", "", "é", "z"]
    parts = [(name, f"part{i}.pdf", os.urandom(3 * MEGABYTE)) for i, name in enumerate(odd_names)]
    answer = visitor.post_form(mri, {"full_name": "Size Probe"}, files=parts)
    result.expect(f"8 unknown 3 MB file parts: {answer.status}", 400 <= answer.status < 500)
    answer = visitor.post_form(info, {"full_name": "Size Probe"}, files=parts[:2])
    result.expect("6 MB to a form without uploads: 413", answer.status == 413)
    growth = _peak_memory(replay.stack) - before
    result.expect(f"worker peak grew {growth // MEGABYTE} MB", growth < WORKER_GROWTH_BOUND)


def check_accept_variants(replay, result):
    """3. Random Accept values and query strings cannot fill the render cache's Redis."""
    renders = redis.Redis.from_url(replay.stack.env["RENDER_CACHE_URL"])
    default = redis.Redis.from_url(replay.stack.env["REDIS_URL"])
    visitor = replay.visitor(result)
    listing = "/api/v2/pages/?limit=20&fields=*"
    visitor.get(listing)
    before = renders.info("memory")["used_memory"], default.info("memory")["used_memory"]
    keys_before = renders.dbsize()
    rng = random.Random(21)
    for _ in range(40):
        accept = "".join(rng.choices(string.ascii_letters + "/;=,*", k=rng.randint(5, 60)))
        visitor.get(listing, headers={"Accept": accept})
    grown = renders.info("memory")["used_memory"] - before[0]
    default_grown = default.info("memory")["used_memory"] - before[1]
    result.expect(f"render Redis grew {grown // 1024} kB", grown < RENDER_REDIS_GROWTH_BOUND)
    result.expect(
        f"default Redis grew {default_grown // 1024} kB (< 1 MB)", default_grown < MEGABYTE
    )
    result.expect(
        f"render cache keys {keys_before} -> {renders.dbsize()} (at most 4 new)",
        renders.dbsize() - keys_before <= 4,
    )
    config = renders.config_get("maxmemory*")
    result.expect(
        "render Redis capped and evicting",
        int(config["maxmemory"]) > 0 and config["maxmemory-policy"] != "noeviction",
    )


def check_lead_rate_limit(replay, result):
    """4. Behind Varnish, each client address has its own lead rate-limit counter.

    The limit lets a visitor through when the default Redis does not answer within its
    timeout (leads/ratelimit.py: losing a patient's request would be worse), which a
    loaded machine can cause for a moment. A flood during which the app logged exactly
    that is flooded again once from a fresh address, the log lines kept in the table;
    a flood the app counted normally is never tried again. The second waits out the
    app's back-off from that Redis (cms/cache.py).
    """
    path = replay.facts["forms"]["free-info-kit"]["path"]
    for _ in range(2):
        marks = app_log_marks(replay.stack)
        statuses, forged = _flood_lead_form(replay, result, path)
        limited = statuses[-1] == 429 and forged == 429
        unavailable = _lines_with(app_log_since(replay.stack, marks), RATE_LIMIT_UNAVAILABLE)
        if limited or not unavailable:
            break
        result.notes.append(f"the rate-limit cache did not answer in time: {unavailable[0]}")
        time.sleep(BACKOFF_SECONDS + 1)  # until the app servers try their Redis again
    result.expect(f"one address: 10 answered, then 429 ({statuses[-2:]})", statuses[-1] == 429)
    result.expect(f"a forged X-Forwarded-For does not escape it ({forged})", forged == 429)
    other = replay.visitor(result)
    answer = other.post_form(path, {"full_name": ""})
    result.expect("another address is not limited", answer.status == 200)


def _flood_lead_form(replay, result, path):
    """Eleven posts from one address, then one with a forged X-Forwarded-For: their statuses."""
    visitor = replay.visitor(result)
    token = visitor.form(path)
    statuses = [visitor.post_form(path, {"full_name": ""}, token=token).status for _ in range(11)]
    forged = visitor.post_form(
        path, {"full_name": ""}, token=token, headers={"X-Forwarded-For": "203.0.113.9"}
    )
    return statuses, forged.status


def check_form_page_deletion(replay, result):
    """5. Nobody but lead managers deletes a form page that holds submissions."""
    visitor = replay.visitor(result)
    form = replay.facts["forms"]["free-info-kit"]
    sent = visitor.post_form(
        form["path"],
        {
            "full_name": "Deletion Probe",
            "street_address": "1 Main St",
            "city": "Plano",
            "state": "TX",
            "zip_code": "75024",
        },
    )
    result.expect("a submission is stored first", sent.status == 200)
    answer = visitor.api("DELETE", f"/api/v3/pages/{form['id']}/", replay.facts["admin_token"])
    result.expect(
        f"v3 DELETE by a superuser without lead access: {answer.status}", answer.status == 403
    )
    result.expect("the form page is still served", visitor.get(form["path"]).status == 200)


def check_private_location(replay, result):
    """6 and 9. A page made private leaves Varnish at once; the finder and its API skip it."""
    location = replay.facts["location"]
    visitor = replay.visitor(result)
    detail = f"/api/v2/pages/{location['id']}/"
    for path in (location["path"], detail):
        visitor.get(path)
    result.expect("the location is cached first", visitor.get(location["path"]).cache == "HIT")
    replay.stack.python(MAKE_PRIVATE.format(pk=location["id"]))
    page = visitor.get(location["path"])
    result.expect(f"its page now asks for a login ({page.status})", page.status == 302)
    result.expect("its API detail is gone", visitor.get(detail).status == 404)
    near = urlencode({"near": location["zip"]})
    nearby = visitor.get(f"/api/v2/locations/nearby/?{near}")
    result.expect(
        f"nearby API answers without it ({nearby.status})",
        nearby.status == 200 and location["title"] not in nearby.body,
    )
    finder = visitor.get(f"/locations/?{near}")
    result.expect(
        f"the finder page lists it no more ({finder.status})",
        finder.status == 200 and f">{location['title']}<" not in finder.body,
    )


def check_protocol_in_cache_key(replay, result):
    """7. A plain-HTTP request cannot make HTTPS visitors loop; HTTPS hits carry HSTS."""
    visitor = replay.visitor(result)
    path = "/conditions/"
    plain = [visitor.get(path, base=replay.stack.varnish_url) for _ in range(2)]
    result.expect("plain HTTP is redirected", all(a.status == 301 for a in plain))
    result.expect("the redirect is not cached", plain[1].cache != "HIT")
    secure = [visitor.get(path) for _ in range(2)]
    result.expect("HTTPS gets the page, then a hit", [a.status for a in secure] == [200, 200])
    result.expect(
        "HSTS on HTTPS hits", all("strict-transport-security" in a.headers for a in secure)
    )


def check_purge_token(replay, result):
    """8. BAN and PURGE from loopback without the token are refused and clear nothing."""
    visitor = Visitor(replay.stack, result)  # loopback itself, as a TLS terminator on the host
    path = "/procedures/"
    visitor.get(path)
    visitor.get(path)
    for method, target in (("PURGE", path), ("BAN", "/")):
        for base in (replay.stack.varnish_url, replay.stack.https_url):
            answer = visitor.request(method, target, base=base, headers={"X-Ban-Site": "1"})
            result.expect(f"{method} without the token: {answer.status}", answer.status == 403)
    result.expect("the page is still a hit", visitor.get(path).cache == "HIT")


def check_render_bypasses(replay, result):
    """10. Query strings, a bogus session cookie or a guessed bypass header force no render.

    Campaign tags are stripped at the edge; what Varnish passes on (unknown parameters,
    a session cookie) reaches gunicorn, whose render cache must answer it.
    """
    visitor = replay.visitor(result)
    path = "/procedures/"
    visitor.get(path)
    rng = random.Random(10)
    hits = 0
    for _ in range(10):
        junk = "".join(rng.choices(string.ascii_lowercase, k=8))
        hits += visitor.get(f"{path}?utm_source={junk}&fbclid={junk}").cache == "HIT"
    result.expect(f"{hits}/10 campaign tags answered from Varnish", hits == 10)
    https = {"X-Forwarded-Proto": "https"}
    direct = replay.visitor(result)
    direct.get(path, base=replay.stack.gunicorn_url, headers=https)
    asked = {f"{path}?{rng.choice(string.ascii_lowercase)}{n}={n}": https for n in range(10)}
    asked[path + "?session"] = https | {"Cookie": "sessionid=bogus"}
    asked[path + "?bypass"] = https | {"X-Render-Cache": "bypass guessed"}
    for target, headers in asked.items():
        answer = direct.get(target, base=replay.stack.gunicorn_url, headers=headers)
        result.expect(
            f"{target} {sorted(headers)}: render cache {answer.headers.get('x-render-cache')}",
            answer.headers.get("x-render-cache") == "hit",
        )


def check_search(replay, result):
    """11 and 6. Searches in both languages answer, with a Cache-Control; bad queries too."""
    visitor = replay.visitor(result)
    for path in (
        "/search/?q=stenosis",
        "/es/search/?q=estenosis",
        "/search/suggest/?q=sten",
        "/search/?q=%00",
        "/search/suggest/?q=%00%22",
        "/locations/?near=%00",
    ):
        answer = visitor.get(path)
        result.expect(
            f"{path}: {answer.status}, Cache-Control {answer.headers.get('cache-control')!r}",
            answer.status in (200, 400) and "cache-control" in answer.headers,
        )


def check_login_throttling(replay, result):
    """12. Wrong passwords and password resets are throttled per client address."""
    visitor = replay.visitor(result)
    statuses = []
    for _ in range(6):
        token = visitor.form("/admin/login/")
        answer = visitor.request(
            "POST",
            "/admin/login/",
            body=urlencode(
                {"csrfmiddlewaretoken": token, "username": "security-admin", "password": "wrong"}
            ),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        statuses.append(answer.status)
    result.expect(f"6th wrong password: {statuses[-1]}", statuses[-1] == 429)
    token = visitor.form("/admin/login/")
    right = visitor.request(
        "POST",
        "/admin/login/",
        body=urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "security-admin",
                "password": "a long admin pass 21",
            }
        ),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    result.expect("then even the right password waits", right.status == 429)
    resets = []
    for _ in range(6):
        token = visitor.form("/admin/password_reset/")
        resets.append(
            visitor.request(
                "POST",
                "/admin/password_reset/",
                body=urlencode({"csrfmiddlewaretoken": token, "email": "s@example.com"}),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ).status
        )
    result.expect(f"6th password reset: {resets[-1]}", resets[-1] == 429)
    other = replay.visitor(result)
    result.expect(
        "another address still gets the login page", other.get("/admin/login/").status == 200
    )


def check_security_headers(replay, result):
    """13. CSP, Permissions-Policy, HSTS on every HTTPS answer, no Server: gunicorn."""
    visitor = replay.visitor(result)
    paths = ["/", "/procedures/", "/search/?q=disc", "/api/v2/pages/", "/admin/login/"]
    paths += [form["path"] for form in replay.facts["forms"].values()]
    for path in paths:
        for answer in (visitor.get(path), visitor.get(path)):
            headers = answer.headers
            csp = headers.get("content-security-policy", "")
            script_src = re.search(r"script-src([^;]*)", csp)
            inline = script_src is not None and "'unsafe-inline'" in script_src.group(1)
            result.expect(
                f"{path} ({answer.cache}): CSP without inline scripts, Permissions-Policy, HSTS",
                csp
                and not (inline and not path.startswith("/admin/"))
                and "permissions-policy" in headers
                and "strict-transport-security" in headers
                and "gunicorn" not in headers.get("server", ""),
            )


def check_bad_input(replay, result):
    """14. Malformed input is a 4xx, never a 500."""
    visitor = replay.visitor(result)
    deep = "[" * 50_000 + "]" * 50_000
    for path in ("/api/v3/pages/", f"/api/v3/pages/{replay.facts['location']['id']}/"):
        for method in ("POST", "PATCH"):
            answer = visitor.request(
                method, path, body=deep, headers={"Content-Type": "application/json"}
            )
            result.expect(f"deep JSON {method} {path}: {answer.status}", answer.status < 500)
    for endpoint in ("v2/images", "v2/documents", "v2/testimonials", "v2/physicians",
                     "v2/calls-to-action", "v3/images", "v3/documents", "v2/pages"):  # fmt: skip
        for search in ("+", "%22", "%00", "%ff", "(((("):
            answer = visitor.get(f"/api/{endpoint}/?search={search}")
            result.expect(f"/api/{endpoint}/?search={search}: {answer.status}", answer.status < 500)
    token = replay.facts["admin_token"]
    copied = visitor.api(
        "POST",
        f"/api/v3/pages/{replay.facts['location']['id']}/copy/",
        token,
        {"title": "Copy\x00", "slug": "copy-nul"},
    )
    result.expect(f"a NUL in a v3 copy title: {copied.status}", 400 <= copied.status < 500)


def check_upload_structure(replay, result):
    """15. A file is stored only when read whole and clean; the answers are kept."""
    form = replay.facts["forms"]["free-mri-ct-review"]["path"]
    form_id = str(replay.facts["forms"]["free-mri-ct-review"]["id"])
    before = replay.submissions()[form_id]
    visitor = replay.visitor(result)
    fields = {
        "full_name": "Upload Probe",
        "email": "upload.probe@example.net",
        "phone": "214-555-0100",
        "symptoms": "Upload-probe-symptoms",
    }
    page = b"%PDF-1.7\n<html><script>fetch('/admin/')</script></html>"
    for content, refusal in ((page, "could not be read as a whole"), (eicar(), "virus check")):
        answer = visitor.post_form(
            form, fields, files=[("mri_or_ct_report_or_images", "report.pdf", content)]
        )
        result.expect(
            f"refused next to the field ({refusal}), answers kept",
            answer.status == 200
            and refusal in answer.body
            and "Upload-probe-symptoms" in answer.body,
        )
    answer = visitor.post_form(
        form, fields, files=[("mri_or_ct_report_or_images", "report.pdf", PDF_BYTES)]
    )
    result.expect("a real PDF is accepted", answer.status == 200 and "Thank you" in answer.body)
    stored = replay.submissions()[form_id] - before
    result.expect(f"only the real PDF's submission stored ({stored})", stored == 1)


def check_startup_guards(replay, result):
    """17. Production refuses to start with a weak or dangerous configuration."""
    stack_dir = replay.stack.root
    variants = {
        "ALLOWED_HOSTS=*": {"ALLOWED_HOSTS": "*"},
        "SECRET_KEY of one character": {"SECRET_KEY": "a" * 50},
        "LEADS_PRIVATE_ROOT in STATIC_ROOT": {"LEADS_PRIVATE_ROOT": f"{stack_dir}/static/private"},
        "front cache without proxy count": {"LEADS_TRUSTED_PROXY_COUNT": "0"},
        "no CLAMAV_URL": {"CLAMAV_URL": ""},
    }
    for what, change in [("the stack's own settings", {}), *variants.items()]:
        env = replay.stack.env | {"DJANGO_SETTINGS_MODULE": "cms.settings.production"} | change
        started = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        result.tried += 1
        refused = started.returncode != 0 and "ImproperlyConfigured" in started.stderr
        result.expect(f"{what}: {'refused' if refused else 'starts'}", refused == bool(change))


def check_v3_writes(replay, result):
    """18. Unknown snippet fields are refused; Wagtail's Editors group deletes no image."""
    visitor = replay.visitor(result)
    listing = visitor.api("GET", "/api/v3/snippets/cms.CallToAction/", replay.facts["admin_token"])
    items = json.loads(listing.body).get("items", []) if listing.status == 200 else []
    result.expect(f"snippets listed ({listing.status})", items)
    if items:
        answer = visitor.api(
            "PATCH",
            f"/api/v3/snippets/cms.CallToAction/{items[0]['id']}/",
            replay.facts["admin_token"],
            {"no_such_field": "x"},
        )
        result.expect(
            f"an unknown field in a snippet PATCH: {answer.status}", answer.status in (400, 422)
        )
    image = replay.facts["image"]
    answer = visitor.api("DELETE", f"/api/v3/images/{image}/", replay.facts["editor_token"])
    result.expect(f"an editor's image DELETE: {answer.status}", answer.status in (403, 404))
    result.expect("the image is still there", visitor.get(f"/api/v2/images/{image}/").status == 200)


def app_log_marks(stack):
    """Where each app server's log ends now, to read what it logs from here on."""
    return {name: _size(stack.root / name) for name in APP_LOGS}


def app_log_since(stack, marks):
    text = []
    for name, offset in marks.items():
        path = stack.root / name
        if path.exists():
            with path.open("rb") as log:
                log.seek(offset)
                text.append(log.read().decode("utf-8", errors="replace"))
    return "".join(text)


def _size(path):
    return path.stat().st_size if path.exists() else 0


def _lines_with(text, needle):
    return [line.strip() for line in text.splitlines() if needle in line]


@contextmanager
def redis_hung(stack):
    pid = int((stack.root / "redis.pid").read_text())
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def check_redis_outage(replay, result):
    """2. A hung Redis costs no answer, and a lead sent meanwhile is stored and thanked."""
    forms = replay.facts["forms"]
    visitor = replay.visitor(result)
    info = forms["free-info-kit"]["path"]
    form_id = str(forms["free-info-kit"]["id"])
    before = replay.submissions()[form_id]
    visits = [
        "/procedures/?outage=1",
        "/api/v2/pages/?type=procedures.ProcedurePage&outage=1",
        f"/api/v3/pages/{replay.facts['location']['id']}/",
        forms["free-mri-ct-review"]["path"],
        "/search/?q=disc",
        "/admin/login/",
    ]
    with redis_hung(replay.stack):
        statuses = [visitor.get(path).status for path in visits]
        sent = visitor.post_form(
            info,
            {
                "full_name": "Outage Probe",
                "street_address": "1 Main St",
                "city": "Plano",
                "state": "TX",
                "zip_code": "75024",
            },
        )
    result.expect(
        f"every visit answered during the outage ({statuses})", all(s < 500 for s in statuses)
    )
    stored = replay.submissions()[form_id] == before + 1
    result.expect(
        f"the lead sent meanwhile: {sent.status}, stored: {stored}", sent.status == 200 and stored
    )


CHECKS = [
    ("1 request size", check_request_size),
    ("2 Redis hung", check_redis_outage),
    ("3 render cache memory", check_accept_variants),
    ("4 lead rate limit per client", check_lead_rate_limit),
    ("5 form page deletion", check_form_page_deletion),
    ("6+9 private location", check_private_location),
    ("7 protocol in cache key", check_protocol_in_cache_key),
    ("8 purge token", check_purge_token),
    ("10 forced renders", check_render_bypasses),
    ("11 search answers", check_search),
    ("12 login throttling", check_login_throttling),
    ("13 security headers", check_security_headers),
    ("14 bad input", check_bad_input),
    ("15 upload structure", check_upload_structure),
    ("17 start-up guards", check_startup_guards),
    ("18 v3 writes", check_v3_writes),
]


def run_checks(stack):
    """Every check against ``stack`` (HTTPS listener); a check that raised fails with the error."""
    replay = Replay(stack=stack, facts=json.loads(stack.python(SETUP)))
    results = []
    for name, check in CHECKS:
        result = Result(name)
        try:
            check(replay, result)
        except Exception as error:  # the table says which check broke, and why
            result.expect(f"ran to the end: {type(error).__name__}: {error}", False)
            result.data.append((traceback.format_exc(limit=3), False))
        results.append(result)
    return results
