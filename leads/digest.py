"""The daily digest: how many new leads wait, form by form, for each group of lead managers.

Counts, form titles and clinic names only: never who sent a lead or what they wrote.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail.admin.mail import send_mail

from leads.models import LeadAccess, LeadDigestSent, LeadSubmission
from leads.permissions import forms_of_grants

logger = logging.getLogger("leads.digest")


def waiting_by_form(group):
    """[(form page, its clinic, new leads)] for the forms this group manages, with any waiting."""
    forms = forms_of_grants(LeadAccess.objects.filter(group=group).select_related("location"))
    counts = dict(
        LeadSubmission.objects.filter(page__in=forms, status=LeadSubmission.Status.NEW)
        .values_list("page")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        (page, page.location, counts[page.pk])
        for page in forms.filter(pk__in=counts).order_by("path")
    ]


def recipients(group):
    return sorted({user.email for user in group.user_set.filter(is_active=True).exclude(email="")})


def digest_body(rows, day):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        {
            "form": page.title,
            "clinic": location.title if location else "",
            "count": count,
            "url": f"{base}{reverse('leads:submissions', args=[page.pk])}?status=new",
        }
        for page, location, count in rows
    ]
    return render_to_string("leads/email/lead_digest.txt", {"lines": lines, "day": day})


def send_group_digest(group, day):
    """Mail the group's digest for day once; True when it was sent by this call."""
    rows = waiting_by_form(group)
    addresses = recipients(group)
    if not rows or not addresses:
        return False
    try:
        with transaction.atomic():
            LeadDigestSent.objects.create(group=group, day=day)
    except IntegrityError:
        return False  # already sent today
    total = sum(count for _page, _location, count in rows)
    subject = ngettext("%(count)d new lead waits", "%(count)d new leads wait", total) % {
        "count": total
    }
    body = digest_body(rows, day)
    try:
        for address in addresses:  # one message each: no member sees the others' addresses
            send_mail(subject, body, [address])
    except Exception as error:
        # Not marked as sent, so the next run tries again.
        LeadDigestSent.objects.filter(group=group, day=day).delete()
        logger.error(
            "The lead digest of group %s could not be sent (%s).", group.pk, type(error).__name__
        )
        return False
    return True


def lead_groups():
    return Group.objects.filter(lead_access__isnull=False).distinct().order_by("name")
