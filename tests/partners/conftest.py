import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import get_page_models

from partners.models import Partner, PartnerKey
from partners.registry import scoped_snippet_models

_numbers = itertools.count(1)


def every_content_type():
    return [ContentType.objects.get_for_model(m) for m in get_page_models()] + [
        ContentType.objects.get_for_model(m) for m in scoped_snippet_models()
    ]


@pytest.fixture
def make_key(db):
    """A saved key with the given scope, and its full value (what the partner sends)."""

    def make(*, sites, locales, content_types=None, partner=None, **fields):
        partner = partner or Partner.objects.create(name=f"Partner {next(_numbers)}")
        key = PartnerKey(partner=partner, label="test", **fields)
        full_key = key.set_new_secret()
        key.save()
        key.sites.set(sites)
        key.locales.set(locales)
        key.content_types.set(every_content_type() if content_types is None else content_types)
        return key, full_key

    return make


def bearer(full_key):
    return {"HTTP_AUTHORIZATION": f"Bearer {full_key}"}
