"""The email that tells a clinic a submission arrived: a link to the admin, never the content."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail

logger = logging.getLogger(__name__)


def submission_admin_url(submission):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("leads:submission", args=[submission.pk])


def notify_new_submission(page, submission):
    """Mail the page's recipients; a failure is logged and the submission stays stored."""
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not addresses:
        return False
    subject = page.subject or _("New submission: %(form)s") % {"form": page.title}
    body = render_to_string(
        "leads/email/new_submission.txt",
        {"page": page, "submission": submission, "url": submission_admin_url(submission)},
    )
    try:
        send_mail(subject, body, addresses, page.from_address or None)
    except Exception as error:
        logger.error(
            "Lead form %s: the notification of submission %s could not be sent (%s).",
            page.pk,
            submission.pk,
            type(error).__name__,
        )
        return False
    return True
