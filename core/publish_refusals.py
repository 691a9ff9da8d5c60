"""The admin's publishing paths that have no form to show errors on, refusing a page
that still holds the outline's guidance (or, for bulk publish, that its own validation
refuses) with a message instead of an error page.

Bulk publish checks every chosen page before it publishes any (``before_bulk_action``,
see ``core.wagtail_hooks``), and "copy and publish" every page it would copy live
(``before_copy_page``). A workflow approval publishes inside Wagtail's
``on_action`` transaction, with no hook before it: the page's ``publish`` refuses
(``core.actions``), or its validation does, the transaction rolls the approval back,
and this middleware turns the refusal into a message on the page's edit view.
"""

import copy

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from core.actions import PlaceholdersRefused
from core.blocks.outline import placeholders_in
from core.claims import expired_claims_in, expired_claims_message

#: Models whose objects refuse publishing by a rule of their own, each with its check (a
#: callable raising ValidationError), registered by the model's app: the scheduler holds
#: their refused revisions back rather than stop in the middle of Wagtail's loop.
_publish_checks = {}


def register_publish_check(model, check):
    _publish_checks[model] = check


def publish_check_refusal(content):
    """Why publishing ``content`` would be refused by its model's own check, or None."""
    check = _publish_checks.get(type(content))
    if check is None:
        return None
    try:
        check(content)
    except ValidationError as error:
        return _("“%(title)s” was not published: %(reasons)s") % {
            "title": str(content),
            "reasons": " ".join(error.messages),
        }
    return None


def refusal_text(page, places):
    return _("“%(title)s” was not published: the outline's guidance is still in %(places)s.") % {
        "title": page.get_admin_display_title(),
        "places": "; ".join(places),
    }


def is_workflow_action(request):
    match = request.resolver_match
    return match is not None and match.view_name == "wagtailadmin_pages:workflow_action"


def content_to_publish(page):
    """What publishing ``page`` would make live: its latest revision, else the page."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page.specific


def bulk_publish_refusals(pages):
    """A refusal for each page (as bulk publish would publish it) holding guidance, showing an
    expired claim, or that
    its own validation refuses (regulated text not yet translated, say): publishing saves
    the page with ``full_clean``, whose error would otherwise be a server error."""
    refusals = []
    for page in pages:
        content = content_to_publish(page)
        places = placeholders_in(content)
        if places:
            refusals.append(refusal_text(content, places))
            continue
        claims = expired_claims_in(content)
        if claims:
            refusals.append(claims_refusal_text(content, claims))
            continue
        # Validated as publishing saves it: live (some rules apply only to what goes live),
        # on a copy, since bulk publish goes on with the page objects it was given.
        candidate = copy.copy(content)
        candidate.live = True
        try:
            candidate.full_clean()
        except ValidationError as error:
            refusals.append(invalid_text(content, error))
    return refusals


def claims_refusal_text(page, claims):
    return _("“%(title)s” was not published: %(reasons)s") % {
        "title": page.get_admin_display_title(),
        "reasons": expired_claims_message(claims),
    }


def invalid_text(page, error):
    return _("“%(title)s” was not published: %(reasons)s") % {
        "title": page.get_admin_display_title(),
        "reasons": " ".join(error.messages),
    }


def copy_publish_refusals(page, with_subpages):
    """A refusal for each live page that "copy and publish" would copy live with guidance
    or an expired claim: a copy takes a live page's own content (its row), not its latest
    draft."""
    pages = [page, *page.get_descendants().live()] if with_subpages else [page]
    refusals = []
    for live in (candidate.specific for candidate in pages if candidate.live):
        places = placeholders_in(live)
        if places:
            refusals.append(refusal_text(live, places))
        elif claims := expired_claims_in(live):
            refusals.append(claims_refusal_text(live, claims))
    return refusals


class PublishRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if isinstance(exception, PlaceholdersRefused):
            page = exception.page
            messages.error(request, refusal_text(page, placeholders_in(page)))
        elif isinstance(exception, ValidationError) and is_workflow_action(request):
            # An approval that publishes a page its own validation refuses (regulated text
            # not yet translated): rolled back like the guidance, and said as plainly.
            page = Page.objects.get(pk=request.resolver_match.kwargs["page_id"])
            messages.error(request, invalid_text(page, exception))
        else:
            return None
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's workflow action modal follows a "success" step's redirect.
            return JsonResponse({"step": "success", "redirect": edit_url})
        return redirect(edit_url)
