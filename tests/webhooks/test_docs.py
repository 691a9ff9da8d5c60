"""The verification snippets of docs/partners.md accept what Foramen sends, and nothing else."""

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import skip_for_missing_service
from tests.webhooks.helpers import an_endpoint, an_event
from webhooks import dispatch, signing
from webhooks.delivery import send_due

PARTNERS_DOC = Path(settings.BASE_DIR) / "docs" / "partners.md"


def python_snippets():
    return re.findall(r"```python\n(.*?)```", PARTNERS_DOC.read_text(), re.DOTALL)


def javascript_snippets():
    return re.findall(r"```javascript\n(.*?)```", PARTNERS_DOC.read_text(), re.DOTALL)


# Reads {secret, body (base64), headers} on stdin and prints what the snippet returns,
# or {"error": message} when it throws.
NODE_DRIVER = """
import { verifiedEvent } from "./snippet.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { secret, body, headers } = JSON.parse(input);
try {
  const event = verifiedEvent(secret, Buffer.from(body, "base64"), headers);
  process.stdout.write(JSON.stringify({ event }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message }));
}
"""


def test_the_documented_example_is_signed_with_the_documented_secret():
    text = PARTNERS_DOC.read_text()
    request = re.search(r"```http\n(.*?)```", text, re.DOTALL).group(1)
    headers = dict(re.findall(r"^(webhook-[a-z]+): (.+)$", request, re.MULTILINE))
    body = request.split("\n\n", 1)[1].strip().encode()
    secret = re.search(r"example secret `(whsec_[^`]+)`", text).group(1)
    expected = signing.signature(secret, headers["webhook-id"], headers["webhook-timestamp"], body)
    assert headers["webhook-signature"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("snippet", python_snippets(), ids=["standardwebhooks", "stdlib"])
def test_each_python_snippet_verifies_a_delivery(snippet, receiver):
    namespace = {}
    exec(snippet, namespace)  # noqa: S102 - the documentation's own code
    endpoint = an_endpoint(receiver)
    dispatch.enqueue(an_event())
    send_due()
    [request] = receiver.received
    headers = {name.lower(): value for name, value in request.headers.items()}

    assert namespace["verified_event"](endpoint.secret, request.body, headers) == request.envelope
    with pytest.raises(Exception, match="signature"):
        namespace["verified_event"](signing.new_secret(), request.body, headers)


@pytest.mark.django_db
def test_the_javascript_snippet_verifies_a_delivery_with_node(receiver, tmp_path):
    node = shutil.which("node")
    if node is None:
        skip_for_missing_service("node is not installed (Node 20 runs the JavaScript snippet)")
    [snippet] = javascript_snippets()
    (tmp_path / "snippet.mjs").write_text(snippet)
    (tmp_path / "driver.mjs").write_text(NODE_DRIVER)
    endpoint = an_endpoint(receiver)
    dispatch.enqueue(an_event())
    send_due()
    [request] = receiver.received
    headers = {name.lower(): value for name, value in request.headers.items()}

    def verify(secret):
        given = {
            "secret": secret,
            "body": base64.b64encode(request.body).decode(),
            "headers": headers,
        }
        finished = subprocess.run(
            [node, "driver.mjs"],
            cwd=tmp_path,
            input=json.dumps(given),
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return json.loads(finished.stdout)

    assert verify(endpoint.secret) == {"event": request.envelope}
    assert "signature" in verify(signing.new_secret())["error"]
