"""A change the outbox records (changes/) reaches the subscribed endpoints, once committed."""

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from changes.models import ChangeEvent
from procedures.factories import ProcedurePageFactory
from tests.builders import published
from tests.helpers import default_site
from tests.webhooks.helpers import an_endpoint

pytestmark = pytest.mark.django_db


def test_a_publish_is_delivered_to_each_endpoint_as_its_outbox_event(
    receiver, another_receiver, django_capture_on_commit_callbacks
):
    site = default_site()
    endpoints = [an_endpoint(receiver), an_endpoint(another_receiver, event_types=["deleted"])]
    page = ProcedurePageFactory(parent=site.root_page, live=False)

    with django_capture_on_commit_callbacks(execute=True):
        published(page)

    event = ChangeEvent.objects.filter(object_id=page.pk, kind="published").get()
    [delivery] = receiver.received
    sent = Webhook(endpoints[0].secret).verify(delivery.body, delivery.headers)
    assert sent["type"] == "published"
    assert sent["data"]["id"] == page.pk
    assert sent["data"]["sequence"] == event.sequence
    assert another_receiver.received == []


def test_a_change_rolled_back_is_never_delivered(receiver, django_capture_on_commit_callbacks):
    an_endpoint(receiver)
    page = ProcedurePageFactory(parent=default_site().root_page, live=False)

    capture = django_capture_on_commit_callbacks(execute=True)
    with capture, pytest.raises(RuntimeError), transaction.atomic():
        published(page)
        raise RuntimeError("the editor's save failed")

    assert receiver.received == []
