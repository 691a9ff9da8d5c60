"""Reports → Medical review records: who approved which page's medical content, when, with
what attestation (``MedicalReviewRecord``), filtered and exported for an audit.

Read-only by construction (a report has no form, and the records refuse any change); open
to superusers and to groups given the records' view permission.
"""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from people.models import MedicalReviewRecord, Physician

ICON = "tick-inverse"
permission_policy = ModelPermissionPolicy(MedicalReviewRecord)


class MedicalReviewRecordFilterSet(WagtailFilterSet):
    physician = django_filters.ModelChoiceFilter(
        label=_("Physician"), queryset=Physician.objects.order_by("name")
    )
    reviewed_on = django_filters.DateFromToRangeFilter(
        label=_("Reviewed on"), widget=DateRangePickerWidget
    )
    page_title = django_filters.CharFilter(label=_("Page title"), lookup_expr="icontains")

    class Meta:
        model = MedicalReviewRecord
        fields = ["physician", "reviewed_on", "page_title"]


def page_edit_url(record):
    # The record outlives its page: then its title stays, unlinked.
    if record.page_id is None:
        return None
    return reverse("wagtailadmin_pages:edit", args=[record.page_id])


class MedicalReviewRecordsReport(ReportView):
    page_title = _("Medical review records")
    header_icon = ICON
    model = MedicalReviewRecord
    permission_policy = permission_policy
    permission_required = "view"
    filterset_class = MedicalReviewRecordFilterSet
    index_url_name = "medical_review_records"
    index_results_url_name = "medical_review_records_results"
    default_ordering = "-reviewed_at"
    columns = [
        TitleColumn("page_title", label=_("Page"), get_url=page_edit_url),
        Column("physician_name", label=_("Physician")),
        Column("physician_npi", label=_("NPI")),
        UserColumn("user", label=_("Account"), blank_display_name=_("(deleted)")),
        DateColumn("reviewed_at", label=_("Approved at"), sort_key="reviewed_at"),
        Column("next_review", label=_("Next review")),
    ]
    list_export = [
        "page_title",
        "page_id",
        "revision_id",
        "physician_name",
        "physician_npi",
        "user",
        "reviewed_at",
        "reviewed_on",
        "next_review",
        "attestation",
        "content_digest",
    ]
    export_headings = {
        "page_title": _("Page"),
        "page_id": _("Page id"),
        "revision_id": _("Revision id"),
        "physician_name": _("Physician"),
        "physician_npi": _("NPI"),
        "user": _("Account"),
        "reviewed_at": _("Approved at"),
        "reviewed_on": _("Reviewed on"),
        "next_review": _("Next review"),
        "attestation": _("Attestation"),
        "content_digest": _("Fingerprint of the reviewed content"),
    }

    def get_base_queryset(self):
        return MedicalReviewRecord.objects.select_related("user")
