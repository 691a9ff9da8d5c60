"""Bounds on what a visitor may post to the public site, enforced before the body is read.

A request is refused unread (413) when its Content-Length exceeds what the form
it is sent to can take: one file of at most LEADS_UPLOAD_MAX_BYTES per upload
field, plus LEADS_FORM_TEXT_MAX_BYTES for the typed answers. Any other public
POST gets room for text only.

Uploads stay in memory, bounded, never in a temporary file: Django writes
uploads over 2.5 MB to the system's temporary folder, where a patient's scan
would sit unencrypted for the length of the request. BoundedMemoryUploadHandler
keeps the form's own upload fields only. Both happen in process_view, where
the URL names the form, and before CsrfViewMiddleware (after this in
MIDDLEWARE), which reads the posted body. The consent ledger's admin form, which
takes a patient's signed form (leads.signed_forms), gets the same handler.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from leads.routing import lead_form_for
from leads.signed_forms import FIELD_NAME, UPLOAD_VIEW_NAMES
from leads.uploads import BoundedMemoryUploadHandler

# Read and dropped at a time when the rest of a refused body is discarded.
DISCARD_CHUNK_BYTES = 64 * 1024
# Editors upload images and documents there, as Wagtail expects.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/")


def request_limit(upload_fields):
    """The largest body a form with this many upload fields takes, in bytes."""
    files = min(upload_fields, settings.LEADS_UPLOAD_FIELDS_MAX)
    return files * settings.LEADS_UPLOAD_MAX_BYTES + settings.LEADS_FORM_TEXT_MAX_BYTES


def declared_length(request):
    """The body's length as the client announced it; Django reads no more than that."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request, page):
    """The visitor's browser still holds their answers: tell them what to change."""
    response = TemplateResponse(
        request,
        "leads/request_too_large.html",
        {
            "page": page,
            "file_limit": filesizeformat(settings.LEADS_UPLOAD_MAX_BYTES),
            "takes_files": bool(page and page.has_upload),
        },
        status=413,
    )
    add_never_cache_headers(response)
    return response


def discard_unread_body(request):
    """Read and drop what is left of a body its answer did not need (a refused post).

    gunicorn closes the connection after each answer, and a socket closed with
    unread bytes is reset: Varnish, still sending the body, then answered 503
    instead of the 413 page or the form with its errors. Dropping costs no
    memory; a body longer than Varnish lets through is left unread.
    """
    if declared_length(request) > settings.LEADS_REQUEST_MAX_BYTES:
        return
    # Django's own stream over the body, which stops at its Content-Length.
    stream = getattr(request, "_stream", None)
    while stream is not None and stream.read(DISCARD_CHUNK_BYTES):
        pass


class PrivateUploadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        discard_unread_body(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        if request.resolver_match and request.resolver_match.view_name in UPLOAD_VIEW_NAMES:
            request.upload_handlers = [
                BoundedMemoryUploadHandler(request, settings.LEADS_UPLOAD_MAX_BYTES, {FIELD_NAME})
            ]
            return None
        if request.path.startswith(EXCLUDED_PREFIXES):
            return None
        page = lead_form_for(request)
        upload_fields = page.upload_field_names if page else frozenset()
        if declared_length(request) > request_limit(len(upload_fields)):
            return too_large(request, page)
        if request.content_type == "multipart/form-data":
            request.upload_handlers = [
                BoundedMemoryUploadHandler(request, settings.LEADS_UPLOAD_MAX_BYTES, upload_fields)
            ]
        return None
