from functools import partial

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from webhooks import dispatch, views
from webhooks.forms import WebhookEndpointForm
from webhooks.models import WebhookEndpoint


class EndpointCreateView(generic.CreateView):
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
    list_display = ["name", "url", "enabled", "failing_since", "disabled_reason"]
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


endpoints_viewset = WebhookEndpointViewSet()


@hooks.register("register_admin_viewset")
def register_webhook_endpoints():
    return endpoints_viewset
