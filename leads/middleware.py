"""Uploads to the public site stay in memory, bounded, never in a temporary file.

Django writes uploads over 2.5 MB to the system's temporary folder, where a
patient's scan would sit unencrypted for the length of the request. For
multipart posts outside the admin and the API this middleware installs
BoundedMemoryUploadHandler instead. It must come before CsrfViewMiddleware,
which reads the posted body.
"""

from django.conf import settings

from leads.uploads import BoundedMemoryUploadHandler

# Editors upload images and documents there, as Wagtail expects.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/")


class PrivateUploadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and not request.path.startswith(EXCLUDED_PREFIXES)
        ):
            request.upload_handlers = [
                BoundedMemoryUploadHandler(request, settings.LEADS_UPLOAD_MAX_BYTES)
            ]
        return self.get_response(request)
