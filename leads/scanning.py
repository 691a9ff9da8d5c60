"""Virus scanning of uploaded files by ClamAV's daemon (clamd), over its INSTREAM command.

CLAMAV_URL names the daemon (tcp://host:port or unix:///path/to/clamd.ctl); empty
turns scanning off (development only: production refuses to start without it).
Whenever a configured scanner does not give an answer, ScannerUnavailable is
raised and the caller must not store the file: uploads fail closed.
"""

import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# clamd reads a stream in chunks, each preceded by its length; a zero length ends it.
CHUNK_BYTES = 64 * 1024
END_OF_STREAM = struct.pack("!L", 0)
FOUND_SUFFIX = " FOUND"


class ScannerUnavailable(Exception):
    """The virus scanner could not be reached, timed out or gave no verdict."""


def scanning_enabled():
    return bool(settings.CLAMAV_URL)


def parse_clamav_url(url):
    """(address family, address) of tcp://host:port or unix:///path."""
    parts = urlsplit(url)
    if parts.scheme == "tcp" and parts.hostname and parts.port:
        return socket.AF_INET, (parts.hostname, parts.port)
    if parts.scheme == "unix" and parts.path:
        return socket.AF_UNIX, parts.path
    raise ImproperlyConfigured(
        "CLAMAV_URL must look like tcp://127.0.0.1:3310 or unix:///run/clamav/clamd.ctl."
    )


def _send_stream(connection, uploaded_file):
    connection.sendall(b"zINSTREAM\0")
    uploaded_file.seek(0)
    while chunk := uploaded_file.read(CHUNK_BYTES):
        connection.sendall(struct.pack("!L", len(chunk)) + chunk)
    uploaded_file.seek(0)
    connection.sendall(END_OF_STREAM)


def _read_reply(connection):
    reply = b""
    while not reply.endswith(b"\0"):
        part = connection.recv(4096)
        if not part:
            break
        reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace")


def scan(uploaded_file):
    """The name of the signature ClamAV found in the file, or None when it found none."""
    family, address = parse_clamav_url(settings.CLAMAV_URL)
    try:
        with socket.socket(family, socket.SOCK_STREAM) as connection:
            connection.settimeout(settings.CLAMAV_TIMEOUT)
            connection.connect(address)
            _send_stream(connection, uploaded_file)
            reply = _read_reply(connection)
    except OSError as error:  # refused, reset, timed out
        raise ScannerUnavailable(type(error).__name__) from error
    # "stream: OK", "stream: Eicar-Signature FOUND", or "... ERROR" (e.g. a size limit).
    verdict = reply.partition(": ")[2]
    if verdict == "OK":
        return None
    if verdict.endswith(FOUND_SUFFIX):
        return verdict.removesuffix(FOUND_SUFFIX)
    # Only the kind of answer: an error reply may name the stream but never its bytes.
    raise ScannerUnavailable("ERROR" if reply.endswith("ERROR") else "no verdict")
