"""The partner site's own server: the CMS's webhooks in, draft previews out.

``POST /webhooks/foramen`` takes the CMS's signed webhooks. A message whose
signature or timestamp does not verify is refused with 401 and changes nothing.
A verified one answers 204 at once and asks the syncer for a run: a webhook is
only a hint that something changed, and the sync feed says what (so a lost,
repeated or late webhook costs nothing but a later run).

``GET /preview/?token=…`` is the page a partner's preview URL names
(``http://<host>:<port>/preview/?token={token}``). It reads the draft the token
names with the preview key and renders it with the same renderers as the
published pages; the answer is never stored (``no-store``) nor indexed
(``noindex``).

``ThreadingHTTPServer`` answers each request in its own thread; runs of the
sync happen one at a time in the syncer's thread.
"""

import json
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import output
from .client import PartnerSiteError
from .markup import esc
from .render import render_page, renders
from .signatures import InvalidWebhook, verified_event
from .sync import sync

WEBHOOK_PATH = "/webhooks/foramen"
PREVIEW_PATH = "/preview/"
#: A webhook body larger than this is refused unread: Foramen's events are thin.
MAX_WEBHOOK_BYTES = 64 * 1024
#: How many webhook ids to remember, to drop the retries of messages already taken.
SEEN_IDS = 1000


class Syncer:
    """Runs the sync (and writes what changed) in a thread of its own, one run at a time.

    Requests made while a run is going are folded into one more run after it. With
    ``poll_seconds`` it also runs that often unasked: the feed is the truth, so a
    webhook that never came is caught up with all the same.
    """

    def __init__(self, client, store, out, site_name, poll_seconds=None, log=sys.stderr):
        self.client = client
        self.store = store
        self.out = out
        self.site_name = site_name
        self.poll_seconds = poll_seconds
        self.log = log
        self.runs = 0
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="syncer", daemon=True)

    def start(self):
        self._wanted.set()  # catch up with what changed while the site was down
        self._thread.start()

    def request(self):
        self._wanted.set()

    def stop(self):
        self._stopping.set()
        self._wanted.set()
        self._thread.join()

    def run_once(self):
        try:
            changes = sync(self.client, self.store)
        except PartnerSiteError as error:
            print(f"partner_site: sync failed, kept the previous copy: {error}", file=self.log)
            return
        written, removed = output.apply(self.out, changes, self.site_name)
        self.runs += 1
        restarted = " (started again from the beginning)" if changes.restarted else ""
        print(
            f"partner_site: sync {self.runs}{restarted}: {len(written)} written, "
            f"{len(removed)} removed",
            file=self.log,
            flush=True,
        )

    def _loop(self):
        while not self._stopping.is_set():
            self._wanted.wait(timeout=self.poll_seconds)
            if self._stopping.is_set():
                return
            self._wanted.clear()
            self.run_once()


class PartnerServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, *, syncer, webhook_secret, preview_client, site_name, cms_origin):
        super().__init__(address, PartnerRequestHandler)
        self.syncer = syncer
        self.webhook_secret = webhook_secret
        self.preview_client = preview_client
        self.site_name = site_name
        self.cms_origin = cms_origin
        self.seen_ids = []
        self.seen_lock = threading.Lock()

    def first_sight(self, webhook_id):
        """Whether this webhook id is new; retries and redeliveries repeat an id."""
        with self.seen_lock:
            if webhook_id in self.seen_ids:
                return False
            self.seen_ids = [*self.seen_ids[-(SEEN_IDS - 1) :], webhook_id]
            return True


class PartnerRequestHandler(BaseHTTPRequestHandler):
    server_version = "ForamenPartnerSite/1.0"

    def do_POST(self):
        if urlsplit(self.path).path != WEBHOOK_PATH:
            self._answer(HTTPStatus.NOT_FOUND, {"message": "No such page."})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_WEBHOOK_BYTES:
            self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"message": "Too large."})
            return
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            event = verified_event(self.server.webhook_secret, body, headers)
        except InvalidWebhook as error:
            self._answer(HTTPStatus.UNAUTHORIZED, {"message": f"Refused: {error}."})
            return
        if self.server.first_sight(headers["webhook-id"]):
            self.log_message("webhook %s (%s)", headers["webhook-id"], event.get("type"))
            self.server.syncer.request()
        self._answer(HTTPStatus.NO_CONTENT)

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path != PREVIEW_PATH:
            self._html(HTTPStatus.NOT_FOUND, "Not found", "There is no page at this address.")
            return
        token = (parse_qs(parts.query).get("token") or [""])[0]
        if not token:
            self._html(HTTPStatus.BAD_REQUEST, "No preview", "This address needs a preview token.")
            return
        try:
            page = self.server.preview_client.preview(token)
        except PartnerSiteError as error:
            self._preview_refused(error)
            return
        if not renders(page):
            self._html(
                HTTPStatus.OK,
                "Preview",
                f"This site does not show pages of the type {page['meta']['type']}.",
            )
            return
        self._send(HTTPStatus.OK, render_page(page, self.server.site_name), "text/html")

    def _preview_refused(self, error):
        if error.status == HTTPStatus.GONE:
            self._html(
                HTTPStatus.GONE,
                "Preview expired",
                "This preview link has expired: open the preview again in the CMS.",
            )
        elif error.status in (HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND):
            self._html(HTTPStatus(error.status), "No preview", "This preview link is not valid.")
        else:
            self.log_message("preview failed: %s", error)
            self._html(HTTPStatus.BAD_GATEWAY, "No preview", "The CMS could not give this preview.")

    def _html(self, status, title, message):
        body = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title></head>"
            f"<body><main><h1>{esc(title)}</h1><p>{esc(message)}</p></main></body></html>\n"
        )
        self._send(status, body, "text/html")

    def _answer(self, status, data=None):
        self._send(status, "" if data is None else json.dumps(data), "application/json")

    def _send(self, status, text, content_type):
        body = text.encode("utf-8")
        self.send_response(status)
        if body:
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        # Previews are drafts: nobody keeps or indexes them. Nothing else here is cacheable.
        self.send_header("Cache-Control", "private, no-store")
        self.send_header("X-Robots-Tag", "noindex")
        # The CMS's admin shows the preview in a frame; no other site may frame it.
        self.send_header("Content-Security-Policy", f"frame-ancestors {self.server.cms_origin}")
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        # The query may carry a preview token: log the path alone.
        self.log_message('"%s %s" %s', self.command, urlsplit(self.path).path, code)
