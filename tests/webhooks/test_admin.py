"""Settings → Webhook endpoints: the secret shown once, the delivery log and its actions."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from standardwebhooks import Webhook

from changes.models import ChangeEvent
from tests.webhooks.helpers import an_endpoint, an_event
from webhooks import dispatch
from webhooks.delivery import send_due
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"webhook_endpoints:{name}", args=args)


def test_a_new_endpoint_shows_its_secret_once(admin_client, receiver):
    response = admin_client.post(
        url("add"),
        {"name": "Affiliate directory", "url": receiver.url, "enabled": "on"},
    )

    endpoint = WebhookEndpoint.objects.get(name="Affiliate directory")
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    for later in (url("edit", endpoint.pk), url("deliveries", endpoint.pk), url("index")):
        assert endpoint.secret not in admin_client.get(later).content.decode()


def test_filters_are_saved_from_the_form(admin_client, receiver):
    admin_client.post(
        url("add"),
        {
            "name": "Publishes only",
            "url": receiver.url,
            "event_types": ["published", "unpublished"],
        },
    )

    endpoint = WebhookEndpoint.objects.get(name="Publishes only")
    assert endpoint.event_types == ["published", "unpublished"]
    assert not endpoint.enabled
    form = admin_client.get(url("edit", endpoint.pk)).content.decode()
    for kind in ChangeEvent.Kind.values:
        assert f'value="{kind}"' in form
    assert form.count("checked") == 2


def test_an_event_type_that_no_event_has_is_refused(admin_client, receiver):
    response = admin_client.post(
        url("add"),
        {"name": "Old habits", "url": receiver.url, "event_types": ["page.published"]},
    )

    assert response.status_code == 200
    assert "event_types" in response.context["form"].errors
    assert not WebhookEndpoint.objects.exists()


def test_the_model_refuses_an_event_type_that_no_event_has(receiver):
    endpoint = WebhookEndpoint(
        name="Typed by hand", url=receiver.url, event_types=["published", "page.unpublished"]
    )

    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()

    assert "page.unpublished" in str(refused.value.message_dict["event_types"])


def test_rotating_shows_the_new_secret_and_keeps_the_old_one_signing(admin_client, receiver):
    endpoint = an_endpoint(receiver)
    old_secret = endpoint.secret

    response = admin_client.post(url("rotate_secret", endpoint.pk))

    endpoint.refresh_from_db()
    assert endpoint.secret != old_secret
    assert endpoint.secret in response.content.decode()
    assert endpoint.previous_secret == old_secret


def test_a_test_event_is_sent_and_logged(
    admin_client, receiver, django_capture_on_commit_callbacks
):
    endpoint = an_endpoint(receiver, event_types=["deleted"])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url("test_event", endpoint.pk))

    [request] = receiver.received
    assert Webhook(endpoint.secret).verify(request.body, request.headers)["type"] == "webhook.test"
    page = admin_client.get(response.url).content.decode()
    assert request.headers["webhook-id"] in page
    assert "HTTP 200" in page


def test_redelivery_sends_the_same_webhook_id_again(
    admin_client, receiver, django_capture_on_commit_callbacks
):
    an_endpoint(receiver)
    dispatch.enqueue(an_event())
    send_due()
    delivery = WebhookDelivery.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url("redeliver", delivery.pk))

    assert [request.headers["webhook-id"] for request in receiver.received] == [
        delivery.webhook_id
    ] * 2
    assert delivery.attempt_log.count() == 2


def test_enabling_an_endpoint_in_the_form_replays_what_it_missed(
    admin_client, receiver, django_capture_on_commit_callbacks
):
    endpoint = an_endpoint(receiver, enabled=False, disabled_reason="Every attempt failed")
    events = [an_event() for _ in range(2)]
    for event in events:
        dispatch.enqueue(event)
    send_due()
    assert receiver.received == []

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            url("edit", endpoint.pk),
            {"name": endpoint.name, "url": endpoint.url, "enabled": "on"},
        )

    endpoint.refresh_from_db()
    assert endpoint.enabled and not endpoint.disabled_reason
    assert [request.data["sequence"] for request in receiver.received] == [
        event["sequence"] for event in events
    ]


def test_editors_without_the_permission_see_no_delivery_log(client, django_user_model, receiver):
    endpoint = an_endpoint(receiver)
    editor = django_user_model.objects.create_user(username="editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # Wagtail answers a refused admin request with a redirect to the dashboard.
    for response in (
        client.get(url("deliveries", endpoint.pk)),
        client.post(url("test_event", endpoint.pk)),
    ):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert not WebhookDelivery.objects.exists()
