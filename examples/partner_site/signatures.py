"""Verifying Foramen's webhooks (the Standard Webhooks spec) with hmac and base64 alone.

A message carries ``webhook-id``, ``webhook-timestamp`` (Unix seconds) and
``webhook-signature``: one or more space-separated ``v1,<base64>`` entries, each
the HMAC-SHA256 of ``{id}.{timestamp}.{body}`` under the secret's bytes (the
base64 after ``whsec_``). During a secret rotation the CMS signs with both the
old and the new secret, so one matching entry is enough.
"""

import base64
import binascii
import hashlib
import hmac
import json
import time

SECRET_PREFIX = "whsec_"  # noqa: S105 (the spec's prefix, not a secret)
#: How far a message's timestamp may be from our clock: older messages may be replays.
TOLERANCE_SECONDS = 5 * 60


class InvalidWebhook(ValueError):
    """Not a message from the CMS: a missing header, a stale timestamp or a wrong signature."""


def verified_event(secret, body, headers, now=None):
    """The event (the body's JSON) when ``body`` (bytes) was signed with ``secret``.

    ``headers`` maps lower-case header names to values; raises InvalidWebhook otherwise.
    """
    try:
        webhook_id = headers["webhook-id"]
        timestamp = headers["webhook-timestamp"]
        sent_at = int(timestamp)
        signatures = headers["webhook-signature"].split()
    except (KeyError, ValueError) as error:
        raise InvalidWebhook("missing or malformed webhook headers") from error
    now = time.time() if now is None else now
    if abs(now - sent_at) > TOLERANCE_SECONDS:
        raise InvalidWebhook("timestamp too old or too new")
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    if not any(_matches(entry, expected) for entry in signatures):
        raise InvalidWebhook("no matching signature")
    try:
        return json.loads(body)
    except ValueError as error:
        raise InvalidWebhook("the body is not JSON") from error


def _matches(entry, expected):
    version, _, value = entry.partition(",")
    try:
        given = base64.b64decode(value, validate=True)
    except binascii.Error:
        return False
    return version == "v1" and hmac.compare_digest(given, expected)
