"""The partner's webhook endpoints, on its edit page (Settings → Partners)."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.panels import Panel


class PartnerEndpointsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "webhooks/partner_endpoints_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            partner = self.instance
            context["endpoints"] = (
                partner.webhook_endpoints.prefetch_related("sites", "locales") if partner.pk else []
            )
            context["add_url"] = (
                reverse("webhook_endpoints:add") + "?" + urlencode({"partner": partner.pk})
                if partner.pk
                else ""
            )
            return context
