"""A real HTTP receiver on loopback: it records each POST and gives the answers it is told."""

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def envelope(self):
        return json.loads(self.body)

    @property
    def data(self):
        return self.envelope["data"]


class ReceiverHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the HTTP method's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(Received(dict(self.headers.items()), body))
        status, headers, answer = (
            self.server.answers.popleft() if self.server.answers else (200, {}, b"ok")
        )
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class Receiver:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), ReceiverHandler)
        self.server.received = []
        self.server.answers = deque()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    @property
    def received(self):
        return self.server.received

    def will_answer(self, *statuses, headers=None, body=b""):
        """The next answers, in order; after them every POST gets a 200."""
        for status in statuses:
            self.server.answers.append((status, headers or {}, body))

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
