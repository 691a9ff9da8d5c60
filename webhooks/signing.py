"""Secrets and signatures of the Standard Webhooks spec (https://www.standardwebhooks.com/).

A secret is ``whsec_`` and the base64 of 32 random bytes; a signature is
``v1,`` and the base64 HMAC-SHA256 of ``{webhook-id}.{webhook-timestamp}.{body}``
under the secret's bytes. During a rotation a message carries one signature per
active secret, separated by spaces, so receivers verify with either.
"""

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 - the spec's prefix, not a secret
SECRET_BYTES = 32
WEBHOOK_ID_PREFIX = "msg_"


def new_secret():
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_webhook_id():
    return WEBHOOK_ID_PREFIX + secrets.token_urlsafe(18)


def secret_key(secret):
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret, webhook_id, timestamp, body):
    """One ``v1,<base64>`` signature of body (bytes) under secret."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secrets_in_use, webhook_id, sent_at, body):
    """The three webhook-* headers of one request sent at sent_at (a datetime)."""
    timestamp = str(int(sent_at.timestamp()))
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": " ".join(
            signature(secret, webhook_id, timestamp, body) for secret in secrets_in_use
        ),
    }
