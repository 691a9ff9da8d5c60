"""Admin views of lead submissions, for lead managers only, each read written to the audit log."""

import csv
import logging

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages

from leads import downloads, inbox
from leads.downloads import private_response
from leads.models import LeadFormPage, LeadSubmission, LeadUpload, SubmissionAccessLog
from leads.permissions import (
    can_manage,
    can_read_access_log,
    every_form_group,
    managed_forms,
    managers_of,
)

logger = logging.getLogger(__name__)
Action = SubmissionAccessLog.Action
# Spreadsheet programs run cells that start with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _managed_page(request, page_id):
    page = get_object_or_404(LeadFormPage, pk=page_id)
    if not can_manage(request.user, page):
        raise PermissionDenied
    return page


def _managed_submission(request, submission_id):
    submission = get_object_or_404(LeadSubmission.objects.select_related("page"), pk=submission_id)
    page = submission.page.specific
    if not isinstance(page, LeadFormPage) or not can_manage(request.user, page):
        raise PermissionDenied
    return submission, page


def forms_index(request):
    pages = managed_forms(request.user).order_by("path")
    if not pages.exists():
        if request.user.is_superuser:
            return private_response(TemplateResponse(request, "leads/admin/no_access.html", {}))
        raise PermissionDenied
    new_counts = dict(
        LeadSubmission.objects.filter(page__in=pages, status=LeadSubmission.Status.NEW)
        .values_list("page")
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = [
        {
            "page": page,
            "location": page.location,
            "count": page.get_submissions().count(),
            "new": new_counts.get(page.pk, 0),
        }
        for page in pages
    ]
    return private_response(
        TemplateResponse(request, "leads/admin/forms_index.html", {"rows": rows})
    )


def _filtered(request, submissions):
    """The submissions that ?status= and ?assignee= (a user id, "me" or "none") ask for."""
    status = request.GET.get("status", "")
    if status in LeadSubmission.Status.values:
        submissions = submissions.filter(status=status)
    assignee = request.GET.get("assignee", "")
    if assignee == "me":
        submissions = submissions.filter(assignee=request.user)
    elif assignee == "none":
        submissions = submissions.filter(assignee__isnull=True)
    elif assignee.isdigit():
        submissions = submissions.filter(assignee_id=int(assignee))
    return submissions, status, assignee


def _status_counts(submissions):
    counts = dict(submissions.values_list("status").annotate(count=Count("pk")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in LeadSubmission.Status.choices]


#: How a list's reading of names is told apart from a lead opened in full.
LIST_READ_DETAIL = "Names in the lead list"


@sensitive_variables()
def submission_list(request, page_id):
    """Who sent each lead, its status and assignee; reading its values is a logged action."""
    page = _managed_page(request, page_id)
    all_submissions = page.get_submissions()
    submissions, status, assignee = _filtered(request, all_submissions)
    submissions = (
        submissions.order_by("-submit_time").select_related("assignee").prefetch_related("uploads")
    )
    listing = Paginator(submissions, 50).get_page(request.GET.get("p"))
    contacts = inbox.contact_fields(page)
    rows = [(s, inbox.submitter_name(contacts, s.form_data)) for s in listing]
    if rows:
        # A name beside the form it was sent to already says something of a patient's health.
        SubmissionAccessLog.record(
            request.user, Action.READ, page, [s.pk for s in listing], detail=LIST_READ_DETAIL
        )
    return private_response(
        TemplateResponse(
            request,
            "leads/admin/submission_list.html",
            {
                "page": page,
                "location": page.location,
                "submissions": listing,
                "rows": rows,
                "status_counts": _status_counts(all_submissions),
                "total": all_submissions.count(),
                "status": status,
                "assignee": assignee,
                "assignees": managers_of(page),
                "can_read_access_log": can_read_access_log(request.user),
            },
        )
    )


@sensitive_variables()
def submission_detail(request, submission_id, handling_form=None, note_form=None):
    submission, page = _managed_submission(request, submission_id)
    SubmissionAccessLog.record(request.user, Action.READ, page, [submission.pk])
    status = 200 if handling_form is None and note_form is None else 400
    return private_response(
        TemplateResponse(
            request,
            "leads/admin/submission_detail.html",
            {
                "page": page,
                "location": page.location,
                "submission": submission,
                "values": inbox.linked_values(page, submission.form_data),
                "uploads": submission.uploads.all(),
                "notes": submission.notes.select_related("author"),
                "handling_form": handling_form
                or inbox.LeadHandlingForm(instance=submission, page=page),
                "note_form": note_form or inbox.LeadNoteForm(),
                "can_read_access_log": can_read_access_log(request.user),
            },
            status=status,
        )
    )


@require_POST
def update_handling(request, submission_id):
    """Set a lead's status and assignee; each change goes to the access log."""
    submission, page = _managed_submission(request, submission_id)
    before = (submission.status, submission.assignee)
    form = inbox.LeadHandlingForm(request.POST, instance=submission, page=page)
    if not form.is_valid():
        return submission_detail(request, submission_id, handling_form=form)
    inbox.save_handling(form.instance, before, request.user, page)
    messages.success(request, _("The lead was updated."))
    return redirect("leads:submission", submission.pk)


@require_POST
@sensitive_variables()
def add_note(request, submission_id):
    submission, page = _managed_submission(request, submission_id)
    form = inbox.LeadNoteForm(request.POST)
    if not form.is_valid():
        return submission_detail(request, submission_id, note_form=form)
    inbox.add_note(submission, form.cleaned_data["text"], request.user, page)
    messages.success(request, _("The note was added."))
    return redirect("leads:submission", submission.pk)


@sensitive_variables()
def download_upload(request, upload_id):
    upload = get_object_or_404(LeadUpload.objects.select_related("submission"), pk=upload_id)
    submission, page = _managed_submission(request, upload.submission_id)
    try:
        content = upload.read()
    except Exception as error:  # a missing file, a retired key, a storage outage
        logger.error("Lead file %s could not be read (%s).", upload.pk, type(error).__name__)
        SubmissionAccessLog.record(request.user, Action.DOWNLOAD_FAILED, page, [submission.pk])
        messages.error(request, _("This file could not be read. Nothing was downloaded."))
        return redirect("leads:submission", submission.pk)
    SubmissionAccessLog.record(request.user, Action.DOWNLOAD, page, [submission.pk])
    return downloads.private_attachment(
        content,
        upload.content_type,
        upload.original_name,
        f"submission-{submission.pk}-file-{upload.pk}",
    )


def _spreadsheet_cell(value):
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@sensitive_variables()
def export_csv(request, page_id):
    page = _managed_page(request, page_id)
    submissions = list(page.get_submissions().order_by("submit_time"))
    SubmissionAccessLog.record(request.user, Action.EXPORT, page, [s.pk for s in submissions])
    fields = [(name, label) for name, label in page.get_data_fields() if name != "submit_time"]
    location = page.location
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{page.slug}-submissions-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Submission"), _("Submitted at"), _("Clinic")] + [label for _name, label in fields]
    )
    for submission in submissions:
        data = submission.form_data
        writer.writerow(
            [submission.pk, submission.submit_time.isoformat(), location.title if location else ""]
            + [_spreadsheet_cell(data.get(name)) for name, _label in fields]
        )
    return private_response(response)


@require_http_methods(["GET", "POST"])
def delete_submissions(request, page_id):
    page = _managed_page(request, page_id)
    ids = request.POST.getlist("submission") or request.GET.getlist("submission")
    submissions = page.get_submissions().filter(pk__in=[i for i in ids if i.isdigit()])
    if request.method == "POST":
        deleted_ids = list(submissions.values_list("pk", flat=True))
        if deleted_ids:
            SubmissionAccessLog.record(request.user, Action.DELETE, page, deleted_ids)
            LeadSubmission.objects.filter(pk__in=deleted_ids).delete()
        messages.success(
            request,
            ngettext(
                "%(count)d submission was deleted.",
                "%(count)d submissions were deleted.",
                len(deleted_ids),
            )
            % {"count": len(deleted_ids)},
        )
        return redirect("leads:submissions", page.pk)
    return private_response(
        TemplateResponse(
            request,
            "leads/admin/confirm_delete.html",
            {"page": page, "submissions": submissions.order_by("-submit_time")},
        )
    )


def access_log(request):
    """The audit log, for lead managers of every form; ?form= and ?submission= narrow it."""
    if not can_read_access_log(request.user):
        raise PermissionDenied
    entries = SubmissionAccessLog.objects.select_related("page")
    form_id, submission_id = request.GET.get("form", ""), request.GET.get("submission", "")
    if form_id.isdigit():
        entries = entries.filter(page_id=int(form_id))
    if submission_id.isdigit():
        # Read in Python: SQLite has no JSON containment lookup; one form's entries are few.
        wanted = int(submission_id)
        entries = [entry for entry in entries.iterator() if wanted in entry.submission_ids]
    listing = Paginator(entries, 100).get_page(request.GET.get("p"))
    return private_response(
        TemplateResponse(
            request,
            "leads/admin/access_log.html",
            {"entries": listing, "narrowed": form_id.isdigit() or submission_id.isdigit()},
        )
    )


@require_POST
def grant_self(request):
    """A superuser joins the lead managers of every form; the group change is logged."""
    if not request.user.is_superuser:
        raise PermissionDenied
    group = every_form_group()
    request.user.groups.add(group)
    messages.success(
        request,
        _("You were added to the group “%(group)s” and can read every form's submissions.")
        % {"group": group.name},
    )
    return redirect("leads:index")
