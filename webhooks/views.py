"""Admin views beside the endpoint viewset: the delivery log, redelivery, test events and
secret rotation. Each needs the permission to change endpoints; every change is a POST."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from webhooks import dispatch
from webhooks.delivery import RETENTION
from webhooks.models import WebhookDelivery, WebhookEndpoint

DELIVERIES_PER_PAGE = 50


def _endpoint_for_change(viewset, request, pk):
    if not viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(WebhookEndpoint, pk=pk)


def secret_page(viewset, request, endpoint, secret, heading):
    """The one page that ever shows a secret: right after creation or rotation."""
    return TemplateResponse(
        request,
        "webhooks/secret.html",
        {
            "page_title": heading,
            "header_icon": viewset.icon,
            "endpoint": endpoint,
            "secret": secret,
            "deliveries_url": viewset.deliveries_url(endpoint),
        },
    )


def deliveries(request, pk, *, viewset):
    endpoint = _endpoint_for_change(viewset, request, pk)
    recent = (
        endpoint.deliveries.filter(created_at__gte=timezone.now() - RETENTION)
        .select_related("coalesced_into")
        .prefetch_related("attempt_log")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(recent, DELIVERIES_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "webhooks/deliveries.html",
        {
            "page_title": _("Deliveries to %(name)s") % {"name": endpoint.name},
            "header_icon": viewset.icon,
            "endpoint": endpoint,
            "deliveries": page,
            "namespace": viewset.url_namespace,
        },
    )


@require_POST
def redeliver(request, pk, *, viewset):
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    _endpoint_for_change(viewset, request, delivery.endpoint_id)
    dispatch.redeliver(delivery)
    messages.success(request, _("Delivery %(id)s will be sent again.") % {"id": delivery})
    return redirect(viewset.deliveries_url(delivery.endpoint))


@require_POST
def send_test_event(request, pk, *, viewset):
    endpoint = _endpoint_for_change(viewset, request, pk)
    dispatch.send_test_event(endpoint)
    messages.success(request, _("A test event was sent; its attempt is below."))
    return redirect(viewset.deliveries_url(endpoint))


@require_POST
def rotate_secret(request, pk, *, viewset):
    endpoint = _endpoint_for_change(viewset, request, pk)
    secret = endpoint.rotate_secret()
    return secret_page(viewset, request, endpoint, secret, _("New signing secret"))
