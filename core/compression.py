"""Gzip for answers that any cache may share, and for nothing else.

A compressed answer that holds a secret next to text the visitor chose can leak
that secret through its length (BREACH): a lead form with its CSRF token, an API
answer to a bearer token, a thank-you page. Those are ``private`` or ``no-store``
already, so the rule needs no list of views: only ``public`` answers are
compressed.
"""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re


def is_shared(response):
    """Whether the answer says that any cache may keep it for everyone."""
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return "public" in directives and not directives & {"private", "no-store"}


class SharedAnswerGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_shared(response):
            return response
        return super().process_response(request, response)
