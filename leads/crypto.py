"""Encryption at rest of lead submissions and their files.

Fernet (AES-128-CBC with HMAC-SHA256) keys come from FIELD_ENCRYPTION_KEY; the
keys in FIELD_ENCRYPTION_OLD_KEYS still decrypt what they encrypted, so a new
key can be introduced before ``manage.py rotate_lead_encryption`` re-encrypts
the stored data with it.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt", "encrypt", "rotate"]


def configured_keys():
    keys = [settings.FIELD_ENCRYPTION_KEY, *settings.FIELD_ENCRYPTION_OLD_KEYS]
    return tuple(key for key in keys if key)


@lru_cache(maxsize=4)
def _cipher(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set to store lead submissions.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY and FIELD_ENCRYPTION_OLD_KEYS must be Fernet keys "
            "(32 url-safe base64-encoded bytes)."
        ) from error


def cipher():
    return _cipher(configured_keys())


def encrypt(data: bytes) -> bytes:
    return cipher().encrypt(data)


def decrypt(token: bytes) -> bytes:
    return cipher().decrypt(token)


def rotate(token: bytes) -> bytes:
    """The same plaintext, encrypted with the current key."""
    return cipher().rotate(token)


def validate_keys(keys):
    """Raise ImproperlyConfigured unless every key is a usable Fernet key."""
    _cipher(tuple(keys))
