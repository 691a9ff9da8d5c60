"""A bulk-loading scope for every website request, as the API has one for each of its own.

Within the scope (serialization.prefetch) what a page, its blocks and its template
tags read of other content is loaded once per request: the view restrictions, the
live versions of related pages, the snippets a page's blocks choose. The admin is
left out: its requests save what they read, and a scope would keep the old rows.
"""

from django.urls import reverse

from serialization.prefetch import current_scope, object_scope

READ_METHODS = {"GET", "HEAD"}


class PageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.opens_scope(request):
            return self.get_response(request)
        # Django renders a page's template response before returning it here.
        with object_scope(shared=True):
            return self.get_response(request)

    def opens_scope(self, request):
        return (
            request.method in READ_METHODS
            and current_scope() is None
            and not request.path.startswith(reverse("wagtailadmin_home"))
        )
