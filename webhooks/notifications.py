"""The emails telling the admins, and the partner's contact, that an endpoint was
disabled: which one and why, never what the events said."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail

logger = logging.getLogger(__name__)


def admin_addresses():
    users = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def tell_endpoint_disabled(endpoint, reason):
    """The admins, and the contact of the endpoint's partner when it has one."""
    tell_admins_endpoint_disabled(endpoint, reason)
    tell_partner_endpoint_disabled(endpoint, reason)


def tell_admins_endpoint_disabled(endpoint, reason):
    addresses = admin_addresses()
    if not addresses:
        return
    subject = _("Webhook endpoint disabled: %(name)s") % {"name": endpoint.name}
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "webhook_endpoints:edit", args=[endpoint.pk]
    )
    body = render_to_string(
        "webhooks/email/endpoint_disabled.txt",
        {"endpoint": endpoint, "reason": reason, "url": url},
    )
    _send(endpoint, subject, body, addresses)


def tell_partner_endpoint_disabled(endpoint, reason):
    partner = endpoint.partner
    if partner is None or not partner.contact_email:
        return
    subject = _("Your webhook endpoint was disabled: %(name)s") % {"name": endpoint.name}
    body = render_to_string(
        "webhooks/email/endpoint_disabled_partner.txt", {"endpoint": endpoint, "reason": reason}
    )
    _send(endpoint, subject, body, [partner.contact_email])


def _send(endpoint, subject, body, addresses):
    try:
        send_mail(subject, body, addresses)
    except Exception as error:
        logger.error(
            "Webhook endpoint %s: the mail about its disabling could not be sent (%s).",
            endpoint.pk,
            type(error).__name__,
        )
