"""Public media in an object store: a private bucket whose files the app serves.

The bucket allows no anonymous read and no listing. Files get stable URLs under
MEDIA_URL, which ``serve_media`` answers with public caching headers, so Varnish
or a CDN keeps them and the bucket sees a request per file and cache lifetime.
"""

import mimetypes
import posixpath

from botocore.exceptions import ConnectionError as ObjectStoreConnectionError
from botocore.exceptions import HTTPClientError
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.encoding import filepath_to_uri
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3Storage

MEDIA_CACHE_CONTROL = "public, max-age=86400"
MEDIA_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
)
# Documents are served by Wagtail's document view, which applies collection privacy.
UNSERVED_PREFIXES = ("documents/",)


#: What the object store's client raises when the store does not answer (down, or hung).
OBJECT_STORE_UNAVAILABLE = (ObjectStoreConnectionError, HTTPClientError)
#: What an upload is answered with then (the API's 503); the API's messages are English.
OBJECT_STORE_UNAVAILABLE_MESSAGE = (
    "The file store is unavailable right now; nothing was saved. Try again in a minute."
)
#: The Retry-After of that 503, in seconds: the minute the message speaks of.
OBJECT_STORE_RETRY_AFTER = 60


class MediaObjectStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)


def servable(name):
    normalized = posixpath.normpath(name)
    return (
        normalized == name
        and not name.startswith(("/", "../"))
        and not name.startswith(UNSERVED_PREFIXES)
    )


@require_safe
def serve_media(request, name):
    if not servable(name) or not default_storage.exists(name):
        raise Http404("No such media file.")
    content_type, _ = mimetypes.guess_type(name)
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=content_type or "application/octet-stream"
    )
    response["Cache-Control"] = MEDIA_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    # An uploaded SVG is a document of our origin: it may show itself, never run anything.
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    return response
