"""How a private file (a lead's file, a signed consent form) is downloaded: under the
visitor's own file name, made safe, and kept by no cache.

The name is the visitor's, so it can hold anything: path parts, quotes, line
breaks that would split the header, a misleading extension. What is left is
its last path part without control characters or quotes, with the extension
of the type the file was recognised as (leads/uploads.py).
"""

import os
import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "application/dicom": (".dcm", ".dicom"),
}
MAX_STEM_LENGTH = 120
# Characters that end or escape a quoted header value, or mean something to a shell or desktop.
UNSAFE = set('"\\/:*?<>|;')


def safe_filename(original_name, content_type, fallback_stem):
    """The original name's last path part, cleaned, ending in the extension of its type."""
    name = re.split(r"[\\/]", str(original_name or ""))[-1]
    name = "".join(
        char
        for char in unicodedata.normalize("NFC", name)
        if unicodedata.category(char)[0] not in "CZ" or char == " "
    )
    name = "".join(char for char in name if char not in UNSAFE).strip().lstrip(".")
    stem, extension = os.path.splitext(name)
    stem = stem.strip()[:MAX_STEM_LENGTH] or fallback_stem
    allowed = EXTENSIONS.get(content_type, (".bin",))
    if extension.lower() not in allowed:
        # report.html that is a PDF downloads as report.html.pdf: opened as what it is.
        stem, extension = stem + extension, allowed[0]
    return stem + extension


def attachment_disposition(filename):
    """Content-Disposition for filename: an ASCII filename and the exact one as filename*
    (RFC 6266, RFC 5987), for browsers that read either."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.strip() or "download" + os.path.splitext(filename)[1]
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def private_response(response):
    """The response kept by no cache, the browser's included."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


def private_attachment(content, content_type, original_name, fallback_stem):
    """The decrypted file as a download under its safe name, never sniffed nor cached."""
    response = HttpResponse(content, content_type=content_type)
    filename = safe_filename(original_name, content_type, fallback_stem)
    response["Content-Disposition"] = attachment_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return private_response(response)
