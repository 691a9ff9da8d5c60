"""The verification snippets of docs/partners.md accept what Foramen sends, and nothing else."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.webhooks.helpers import an_endpoint, an_event
from webhooks import dispatch, signing
from webhooks.delivery import send_due

PARTNERS_DOC = Path(settings.BASE_DIR) / "docs" / "partners.md"


def python_snippets():
    return re.findall(r"```python\n(.*?)```", PARTNERS_DOC.read_text(), re.DOTALL)


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
