"""Form pages that hold patient submissions are not deleted with them.

Deleting a page deletes every lead form below it, and with each form its
submissions and files. A page whose subtree holds a form with submissions is
therefore refused to everyone: lead managers of those forms are told to export
and delete the submissions first (409, a conflict they can resolve), anyone
else that only lead managers may remove it (403). Once the forms are empty the
page is deleted as any other. Deletions that bypass these checks (code, a shell)
are still written to the lead access log (signals.py).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext
from wagtail.actions.delete_page import DeletePageAction

from leads.models import LeadFormPage, LeadSubmission
from leads.permissions import can_manage


class FormPageDeletionRefused(PermissionDenied):
    """Deleting the page would delete patient submissions."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def forms_with_submissions(pages):
    """The lead form pages at or below any of pages that hold submissions."""
    forms = LeadFormPage.objects.none()
    for page in pages:
        forms |= LeadFormPage.objects.descendant_of(page, inclusive=True)
    return forms.filter(pk__in=LeadSubmission.objects.values("page_id")).order_by("path")


def deletion_refusal(user, pages):
    """Why user may not delete pages (with everything below them), or None."""
    forms = list(forms_with_submissions(pages))
    if not forms:
        return None
    count = LeadSubmission.objects.filter(page__in=forms).count()
    params = {"count": count, "forms": ", ".join(f"“{form.title}”" for form in forms)}
    if all(can_manage(user, form) for form in forms):
        message = ngettext(
            "This page still holds %(count)d patient submission (%(forms)s). Export it and "
            "delete it in Lead submissions first; then the page can be deleted.",
            "This page still holds %(count)d patient submissions (%(forms)s). Export them and "
            "delete them in Lead submissions first; then the page can be deleted.",
            count,
        )
        return FormPageDeletionRefused(message % params, status=409)
    message = ngettext(
        "This page holds %(count)d patient submission (%(forms)s). Only a lead manager of "
        "its form may remove it, after exporting and deleting the submission.",
        "This page holds %(count)d patient submissions (%(forms)s). Only lead managers of "
        "its forms may remove it, after exporting and deleting the submissions.",
        count,
    )
    return FormPageDeletionRefused(message % params, status=403)


def with_translations(pages):
    """pages and their translations: the admin deletes a page's translations along with it."""
    return [t for page in pages for t in page.get_translations(inclusive=True)]


class ProtectedDeletePageAction(DeletePageAction):
    """Wagtail's page deletion, refused while the page holds patient submissions.

    Registered for Page in the action registry (wagtail_hooks.py), which API v3's
    delete endpoints use; the admin's delete view asks deletion_refusal first
    through the before_delete_page hook.
    """

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if self.user is None:
            return
        refusal = deletion_refusal(self.user, [self.page])
        if refusal is not None:
            raise refusal
