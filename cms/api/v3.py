"""Our additions to Wagtail's API v3 instance."""

from django.db import IntegrityError
from wagtail.api.v3.errors import problem_response


def customise(api):
    @api.exception_handler(IntegrityError)
    def conflict(request, exc):
        # A write that collides with what exists (e.g. a second translation of
        # a page into the same locale) is the caller's conflict, not a crash.
        return problem_response(
            status=409,
            detail="This would duplicate something that already exists "
            "(for example a translation of this page into that locale).",
        )
