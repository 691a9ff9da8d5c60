"""Endpoints and change events as the tests need them."""

import itertools

from wagtail.models import Locale, Site

from partners.models import Partner, PartnerKey
from tests.partners.conftest import every_content_type
from webhooks.delivery import send_due
from webhooks.models import WebhookDelivery, WebhookEndpoint

_sequences = itertools.count(1)


def an_endpoint(receiver, sites=(), name="Partner", **fields):
    endpoint = WebhookEndpoint.objects.create(name=name, url=receiver.url, **fields)
    endpoint.sites.set(sites)
    return endpoint


def an_event(site=None, sequence=None, **fields):
    """A thin change event as the outbox sends it."""
    site = site or Site.objects.get(is_default_site=True)
    sequence = sequence or next(_sequences)
    return {
        "type": "published",
        "id": 40 + sequence,
        "content_type": "procedures.procedurepage",
        "site": site.pk,
        "locale": "en",
        "translation_key": f"9d1c6f2e-0000-4000-8000-{sequence:012d}",
        "revision": 7,
        "sequence": sequence,
        "url": f"https://{site.hostname}/procedures/p{sequence}/",
        "api_url": f"https://{site.hostname}/api/v3/pages/{40 + sequence}/",
        **fields,
    }


def a_partner(contact_email="", **fields):
    return Partner.objects.create(
        name=f"Partner {next(_sequences)}", contact_email=contact_email, **fields
    )


def a_key(partner, *, sites, locales=None):
    """A usable key of the partner reading every content type of the sites, in English
    unless told."""
    key = PartnerKey(partner=partner, label="production")
    key.set_new_secret()
    key.save()
    key.sites.set(sites)
    key.locales.set(locales or [Locale.objects.get_or_create(language_code="en")[0]])
    key.content_types.set(every_content_type())
    return key


def run_until(condition, limit=60):
    """send_due() at each next due time, as the scheduler would, until condition() holds."""
    for _ in range(limit):
        if condition():
            return
        due = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING)
        send_due(now=min(delivery.next_attempt_at for delivery in due))
    raise AssertionError("the condition never held")
