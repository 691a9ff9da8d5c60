"""A partner's endpoint is told only what the partner's keys may read, and its owner hears
when it is disabled.

Changes go through the real outbox (a publish, a move) to real HTTP receivers on loopback.
"""

import pytest
from django.core import mail
from django.utils import timezone

from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, published
from tests.webhooks.helpers import a_key, a_partner, an_endpoint, an_event, run_until
from webhooks import dispatch
from webhooks.delivery import send_due
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites():
    """A network site and an affiliate's, each with its procedures index."""
    return a_site("Network"), a_site("Affiliate")


@pytest.fixture
def affiliate_partner(sites):
    """A partner whose one key reads the affiliate's site only."""
    _network, affiliate = sites
    partner = a_partner(contact_email="webmaster@affiliate.example")
    a_key(partner, sites=[affiliate.site])
    return partner


def publish_in(built_site, capture):
    page = ProcedurePageFactory(parent=built_site.procedures, live=False)
    with capture(execute=True):
        published(page)
    return page


def test_an_affiliate_only_endpoint_with_no_filters_gets_only_affiliate_events(
    sites, affiliate_partner, receiver, another_receiver, django_capture_on_commit_callbacks
):
    network, affiliate = sites
    an_endpoint(receiver, partner=affiliate_partner)
    an_endpoint(another_receiver)  # an internal endpoint: every event

    network_page = publish_in(network, django_capture_on_commit_callbacks)
    affiliate_page = publish_in(affiliate, django_capture_on_commit_callbacks)

    assert [(r.data["id"], r.data["site"]) for r in receiver.received] == [
        (affiliate_page.pk, affiliate.site.pk)
    ]
    assert [r.data["id"] for r in another_receiver.received] == [network_page.pk, affiliate_page.pk]


def test_a_page_that_leaves_the_partners_scope_is_still_told_to_it(
    sites, affiliate_partner, receiver, django_capture_on_commit_callbacks
):
    network, affiliate = sites
    an_endpoint(receiver, partner=affiliate_partner)
    page = publish_in(affiliate, django_capture_on_commit_callbacks)
    receiver.received.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page.move(network.procedures, pos="last-child")

    # Told in the site it left, as the sync feed makes it a tombstone; nothing of its
    # new place, which the partner may not read.
    assert [(r.data["type"], r.data["id"], r.data["site"]) for r in receiver.received] == [
        ("moved", page.pk, affiliate.site.pk)
    ]


def test_a_revoked_key_narrows_what_is_sent_even_of_deliveries_already_waiting(
    sites, affiliate_partner, receiver
):
    network, affiliate = sites
    network_key = a_key(affiliate_partner, sites=[network.site])
    an_endpoint(receiver, partner=affiliate_partner)
    dispatch.enqueue(an_event(site=network.site))

    network_key.revoked_at = timezone.now()
    network_key.save()
    dispatch.enqueue(an_event(site=network.site))
    dispatch.enqueue(an_event(site=affiliate.site))
    send_due()

    assert [request.data["site"] for request in receiver.received] == [affiliate.site.pk]
    assert sorted(WebhookDelivery.objects.values_list("status", flat=True)) == [
        WebhookDelivery.Status.DELIVERED,
        WebhookDelivery.Status.OUT_OF_SCOPE,
    ]


def test_an_endpoint_filtered_within_the_scope_gets_that_part_only(
    sites, affiliate_partner, receiver
):
    network, affiliate = sites
    a_key(affiliate_partner, sites=[network.site])
    an_endpoint(receiver, partner=affiliate_partner, sites=[network.site])

    for site in (network.site, affiliate.site):
        dispatch.enqueue(an_event(site=site))
    send_due()

    assert [request.data["site"] for request in receiver.received] == [network.site.pk]


def test_a_partner_without_a_usable_key_is_told_nothing(affiliate_partner, receiver):
    affiliate_partner.keys.update(revoked_at=timezone.now())
    an_endpoint(receiver, partner=affiliate_partner)

    dispatch.enqueue(an_event())
    send_due()

    assert receiver.received == []


def test_the_partners_contact_is_told_when_its_endpoint_is_disabled(
    sites, affiliate_partner, receiver, superuser
):
    _network, affiliate = sites
    endpoint = an_endpoint(receiver, partner=affiliate_partner, name="Affiliate feed")
    receiver.will_answer(*[500] * 100)
    event = an_event(site=affiliate.site)
    dispatch.enqueue(event)

    run_until(lambda: not type(endpoint).objects.get(pk=endpoint.pk).enabled)

    to_partner = [m for m in mail.outbox if "webmaster@affiliate.example" in m.to]
    to_admins = [m for m in mail.outbox if superuser.email in m.to]
    assert len(to_partner) == 1 and len(to_admins) == 1
    [message] = to_partner
    assert "Affiliate feed" in message.subject
    assert receiver.url in message.body
    assert superuser.email not in message.to
    for value in (event["url"], event["api_url"], event["translation_key"]):
        assert value not in message.body
