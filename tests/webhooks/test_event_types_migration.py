"""Migration 0003: filters typed with made-up names become the outbox's kinds, or the
endpoint is disabled rather than told every event."""

import importlib

import pytest
from django.apps import apps

from tests.webhooks.helpers import an_endpoint
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db

migration = importlib.import_module("webhooks.migrations.0003_event_types_are_change_kinds")


def test_names_of_kinds_are_normalised_and_an_endpoint_left_with_none_is_disabled(receiver):
    # Saved with the model's save(), which does not validate, as rows of the past were.
    dotted = an_endpoint(receiver, event_types=["page.published", "snippet.deleted", "bogus"])
    unknown = an_endpoint(receiver, event_types=["page.renamed"])
    right = an_endpoint(receiver, event_types=["unpublished"])
    everything = an_endpoint(receiver)

    migration.normalise_event_types(apps, schema_editor=None)

    for endpoint in (dotted, unknown, right, everything):
        endpoint.refresh_from_db()
    assert dotted.event_types == ["published", "snippet_deleted"] and dotted.enabled
    assert unknown.event_types == [] and not unknown.enabled
    assert "choose them again" in unknown.disabled_reason
    assert right.event_types == ["unpublished"] and right.enabled
    assert everything.event_types == [] and everything.enabled
    assert WebhookEndpoint.objects.filter(enabled=False).count() == 1
