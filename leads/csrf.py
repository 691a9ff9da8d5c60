"""A lead form sent without a valid CSRF token comes back with what the visitor typed.

The token lives in a cookie, which browsers drop, block or let expire while a
patient takes their time over a form. Django's failure page would then lose
every answer. For a lead form the visitor gets the form again instead: their
answers filled in (files must be chosen again, as after any error), a fresh
token, and a note asking them to send it once more. Nothing is stored, and the
answers are not logged.

Only a missing or stale token qualifies. A request from another site (a failed
Origin or Referer check) gets Django's own page, so that nobody can hand our
visitors a form filled in by someone else; so does every other address, and a
form behind a view restriction the visitor has not passed.
"""

from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.debug import sensitive_post_parameters

from leads.routing import lead_form_for

TOKEN_REASON_PREFIXES = ("CSRF cookie", "CSRF token")


def _lead_form_for(request):
    page = lead_form_for(request) if request.method == "POST" else None
    if page is None or not page.live:
        return None
    restrictions = page.get_view_restrictions()
    return page if all(r.accept_request(request) for r in restrictions) else None


@sensitive_post_parameters()
def csrf_failure(request, reason=""):
    page = _lead_form_for(request) if reason.startswith(TOKEN_REASON_PREFIXES) else None
    if page is None:
        return django_csrf_failure(request, reason)
    return page.serve_form_again(request)
