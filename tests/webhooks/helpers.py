"""Endpoints and change events as the tests need them."""

import itertools

from wagtail.models import Site

from webhooks.models import WebhookEndpoint

_sequences = itertools.count(1)


def an_endpoint(receiver, sites=(), **fields):
    endpoint = WebhookEndpoint.objects.create(name="Partner", url=receiver.url, **fields)
    endpoint.sites.set(sites)
    return endpoint


def an_event(site=None, sequence=None, **fields):
    """A thin change event as the outbox sends it."""
    site = site or Site.objects.get(is_default_site=True)
    sequence = sequence or next(_sequences)
    return {
        "type": "page.published",
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
