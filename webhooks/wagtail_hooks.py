from functools import partial

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from partners.models import Partner
from partners.permissions import PartnerManagersPolicy, can_manage_partners
from webhooks import dispatch, views
from webhooks.forms import WebhookEndpointForm
from webhooks.models import WebhookEndpoint


class EndpointCreateView(generic.CreateView):
    def get_initial_form_instance(self):
        """``?partner=<id>`` (the partner's "Add a webhook endpoint") chooses the partner."""
        endpoint = super().get_initial_form_instance() or WebhookEndpoint()
        partner_id = self.request.GET.get("partner", "")
        if partner_id.isdigit():
            endpoint.partner = Partner.objects.filter(pk=partner_id).first()
        return endpoint

    def save_action(self):
        """Show the new endpoint's secret, this once, instead of going back to the list."""
        if self.expects_json_response:
            return super().save_action()
        return views.secret_page(
            endpoints_viewset, self.request, self.object, self.object.secret, _("Endpoint created")
        )


class EndpointEditView(generic.EditView):
    def save_instance(self):
        """Enabling an endpoint again replays what it missed (dispatch.enable)."""
        was_enabled = WebhookEndpoint.objects.filter(pk=self.object.pk).values_list(
            "enabled", flat=True
        )[0]
        endpoint = super().save_instance()
        if endpoint.enabled and not was_enabled:
            dispatch.enable(endpoint)
        return endpoint

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Delivery log"),
                url=endpoints_viewset.deliveries_url(self.object),
                icon_name="list-ul",
                priority=5,
            ),
        ]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    edit_handler = ObjectList(
        [FieldPanel(name) for name in WebhookEndpointForm.Meta.fields],
        base_form_class=WebhookEndpointForm,
    )
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    icon = "link-external"
    menu_label = _("Webhook endpoints")
    add_to_settings_menu = True
    name = "webhook_endpoints"
    list_display = ["name", "partner", "url", "enabled", "failing_since", "disabled_reason"]
    list_filter = ["partner", "enabled"]
    copy_view_enabled = False

    def deliveries_url(self, endpoint):
        return reverse(f"{self.url_namespace}:deliveries", args=[endpoint.pk])

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/deliveries/", partial(views.deliveries, viewset=self), name="deliveries"
            ),
            path(
                "<int:pk>/test-event/",
                partial(views.send_test_event, viewset=self),
                name="test_event",
            ),
            path(
                "<int:pk>/rotate-secret/",
                partial(views.rotate_secret, viewset=self),
                name="rotate_secret",
            ),
            path(
                "deliveries/<int:pk>/redeliver/",
                partial(views.redeliver, viewset=self),
                name="redeliver",
            ),
        ]


class EndpointManagersPolicy(ModelPermissionPolicy):
    """Those with the endpoint permissions, and partner managers: a partner's webhooks are
    part of onboarding it (Settings → Partners links here)."""

    def user_has_permission(self, user, action):
        return can_manage_partners(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return can_manage_partners(user) or super().user_has_any_permission(user, actions)

    def users_with_any_permission(self, actions):
        managers = PartnerManagersPolicy(Partner).users_with_any_permission(actions)
        return (super().users_with_any_permission(actions) | managers).distinct()


register_permission_policy(WebhookEndpoint, EndpointManagersPolicy(WebhookEndpoint))
endpoints_viewset = WebhookEndpointViewSet()


@hooks.register("register_admin_viewset")
def register_webhook_endpoints():
    return endpoints_viewset
