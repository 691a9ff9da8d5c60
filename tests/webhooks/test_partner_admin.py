"""Settings → Partners shows a partner's webhook endpoints and adds one; the endpoint form
keeps its filters within the partner's scope."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.builders import a_site
from tests.webhooks.helpers import a_key, a_partner, an_endpoint
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    """A partner whose key reads one site of two."""
    a_site("Network")
    partner = a_partner(contact_email="webmaster@affiliate.example")
    a_key(partner, sites=[a_site("Affiliate").site])
    return partner


def endpoint_form(partner, receiver, **fields):
    return {
        "partner": partner.pk,
        "name": "Affiliate feed",
        "url": receiver.url,
        "enabled": "on",
        **fields,
    }


def test_the_partner_page_lists_its_endpoints_and_offers_to_add_one(
    admin_client, partner, receiver
):
    an_endpoint(receiver, partner=partner, name="Affiliate feed")
    an_endpoint(receiver, name="Internal search indexer")

    page = admin_client.get(reverse("partners:edit", args=[partner.pk])).content.decode()

    assert "Affiliate feed" in page and "Internal search indexer" not in page
    add_url = reverse("webhook_endpoints:add") + f"?partner={partner.pk}"
    assert add_url in page
    form = admin_client.get(add_url).content.decode()
    assert f'<option value="{partner.pk}" selected>' in form


def test_an_endpoint_filtered_to_a_site_outside_the_partners_scope_is_refused(
    admin_client, partner, receiver
):
    network = a_site("Elsewhere").site

    response = admin_client.post(
        reverse("webhook_endpoints:add"), endpoint_form(partner, receiver, sites=[network.pk])
    )

    assert response.status_code == 200
    assert f"{partner.name}&#x27;s keys may not read {network}" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_endpoint_filtered_within_the_scope_is_saved(admin_client, partner, receiver):
    [site] = partner.keys.get().sites.all()

    admin_client.post(
        reverse("webhook_endpoints:add"), endpoint_form(partner, receiver, sites=[site.pk])
    )

    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.partner == partner
    assert list(endpoint.sites.all()) == [site]


def test_a_partner_manager_may_add_the_partners_endpoint(
    client, django_user_model, partner, receiver
):
    manager = django_user_model.objects.create_user(username="onboarding", password="x")
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_partners"),
    )
    client.force_login(manager)

    response = client.post(reverse("webhook_endpoints:add"), endpoint_form(partner, receiver))

    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert endpoint.partner == partner
