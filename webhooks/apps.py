from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Signed webhooks (Standard Webhooks) that tell partner endpoints what changed."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from changes.outbox import change_recorded
        from partners import registry
        from scheduling import jobs
        from webhooks.dispatch import deliver_change
        from webhooks.panels import PartnerEndpointsPanel

        change_recorded.connect(deliver_change, dispatch_uid="webhooks-deliver-change")
        # Retries, and the deletion of deliveries older than 30 days.
        jobs.register("deliver_webhooks", "deliver_webhooks", interval=jobs.EVERY_MINUTE)
        registry.register_partner_panel(PartnerEndpointsPanel(heading=_("Webhook endpoints")))
