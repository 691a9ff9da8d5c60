"""Emails warning the clinic team that a patient's authorization expires soon.

An authorization that no later one renews is warned of 30 days and 7 days before its
expiry (``EXPIRY_WARNING_DAYS``), so that the clinic can ask the patient to renew before
the testimonial is withdrawn. The daily job ``warn_expiring_consent`` sends each warning
once: a sent warning is recorded (``ExpiryWarning``), and a job that missed days sends
only the most urgent warning due.

The clinic team is whoever may view or change the authorization in the consent ledger,
as its permission policy says (superusers, and the groups given the ledger's
permissions). The email names the testimonial by its number and admin links and gives
the expiry date: never the patient's name, words or condition (protected health
information stays in the admin, behind a sign-in).
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.permissions import policy_registry

from people.consent import EXPIRY_WARNING_DAYS, ExpiryWarning, TestimonialAuthorization

logger = logging.getLogger("people.expiry_warnings")


def notice_due(authorization, today):
    """The warning due today, in days of notice: the shortest notice the time left is within."""
    days_left = (authorization.expires_on - today).days
    return min(days for days in EXPIRY_WARNING_DAYS if days_left <= days)


def already_warned(authorization, days_before):
    """Whether this warning, or a more urgent one, was sent for this expiry date."""
    return ExpiryWarning.objects.filter(
        authorization=authorization,
        expires_on=authorization.expires_on,
        days_before__lte=days_before,
    ).exists()


def recipients(authorization):
    """The addresses of the active users who may view or change the authorization."""
    policy = policy_registry.get_by_type(TestimonialAuthorization)
    users = policy.users_with_any_permission_for_instance(["view", "change"], authorization)
    return sorted({user.email for user in users.filter(is_active=True).exclude(email="")})


def admin_url(viewname, pk):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(viewname, args=[pk])


def warning_message(authorization, today):
    """The subject and the body: the testimonial's number, links and the expiry date only."""
    testimonial_id = authorization.testimonial_id
    subject = _("Testimonial #%(id)s: the patient's consent expires on %(date)s") % {
        "id": testimonial_id,
        "date": authorization.expires_on.isoformat(),
    }
    body = render_to_string(
        "people/email/consent_expiring.txt",
        {
            "testimonial_id": testimonial_id,
            "expires_on": authorization.expires_on,
            "days_left": (authorization.expires_on - today).days,
            "testimonial_url": admin_url("wagtailsnippets_people_testimonial:edit", testimonial_id),
            "authorization_url": admin_url(
                "wagtailsnippets_people_testimonialauthorization:edit", authorization.pk
            ),
        },
    )
    return subject, body


def send_warning(authorization, today):
    """Mail the warning due for this authorization once; True when this call sent it."""
    days_before = notice_due(authorization, today)
    addresses = recipients(authorization)
    if not addresses or already_warned(authorization, days_before):
        return False
    try:
        with transaction.atomic():
            ExpiryWarning.objects.create(
                authorization=authorization,
                expires_on=authorization.expires_on,
                days_before=days_before,
            )
    except IntegrityError:
        return False  # another run sent it
    subject, body = warning_message(authorization, today)
    try:
        for address in addresses:  # one message each: no one sees the others' addresses
            send_mail(subject, body, [address])
    except Exception as error:
        # Not recorded as sent, so the next run tries again.
        ExpiryWarning.objects.filter(
            authorization=authorization,
            expires_on=authorization.expires_on,
            days_before=days_before,
        ).delete()
        logger.error(
            "The consent expiry warning of authorization %s could not be sent (%s).",
            authorization.pk,
            type(error).__name__,
        )
        return False
    return True


def send_due_warnings(today):
    """Send every warning due today; the number sent."""
    expiring = TestimonialAuthorization.objects.expiring(on=today)
    return sum(send_warning(authorization, today) for authorization in expiring)
