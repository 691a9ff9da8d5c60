"""A change the outbox records (changes/) reaches the subscribed endpoints, once committed."""

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from changes.models import ChangeEvent
from procedures.factories import ProcedurePageFactory
from tests.builders import a_translation, published, spanish
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


def test_an_endpoint_filtered_to_unpublished_gets_an_unpublish_and_not_a_publish(
    receiver, django_capture_on_commit_callbacks
):
    endpoint = an_endpoint(receiver, event_types=["unpublished"])
    page = ProcedurePageFactory(parent=default_site().root_page, live=False)

    with django_capture_on_commit_callbacks(execute=True):
        published(page)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    [delivery] = receiver.received
    sent = Webhook(endpoint.secret).verify(delivery.body, delivery.headers)
    assert (sent["type"], sent["data"]["id"]) == ("unpublished", page.pk)


def test_an_endpoint_filtered_to_spanish_gets_a_spanish_publish_and_not_an_english_one(
    receiver, django_capture_on_commit_callbacks
):
    site = default_site()
    english_page = ProcedurePageFactory(parent=site.root_page, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        published(english_page)
    endpoint = an_endpoint(receiver)
    endpoint.locales.set([spanish()])

    with django_capture_on_commit_callbacks(execute=True):
        published(ProcedurePageFactory(parent=site.root_page, live=False))
    with django_capture_on_commit_callbacks(execute=True):
        translation = a_translation(english_page)

    # The home page is translated first, as an editor must; its Spanish copy is told too.
    sent = [
        Webhook(endpoint.secret).verify(delivery.body, delivery.headers)
        for delivery in receiver.received
    ]
    assert {(event["type"], event["data"]["locale"]) for event in sent} == {
        ("translation_published", "es")
    }
    assert translation.pk in {event["data"]["id"] for event in sent}
