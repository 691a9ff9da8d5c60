from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from changes.models import ChangeEvent
from partners.scope import partner_scope
from webhooks.models import WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    """Event types chosen among the outbox's kinds rather than typed as JSON; a partner's
    endpoint filters only within the partner's scope."""

    # An address typed without a scheme is read as HTTPS (Django 6's default).
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    event_types = forms.MultipleChoiceField(
        label=_("Event types"),
        required=False,
        # Shown as the payload's `type` names them, which is what the partner's code reads.
        choices=[(kind, kind) for kind in ChangeEvent.Kind.values],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only events of these types (see “Events and their payloads” in the partner"
            " documentation); none chosen: every type."
        ),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["partner", "name", "url", "enabled", "sites", "locales", "event_types"]
        widgets = {
            "sites": forms.CheckboxSelectMultiple,
            "locales": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned_data = super().clean()
        partner = cleaned_data.get("partner")
        if partner is not None:
            self.refuse_wider_than(partner_scope(partner), cleaned_data)
        return cleaned_data

    def refuse_wider_than(self, scope, cleaned_data):
        """A filter naming a site or language the partner's keys may not read is an error:
        the endpoint would never be told of it, which its owner would not expect."""
        outside = {
            "sites": [
                site for site in cleaned_data.get("sites", []) if site.pk not in scope.site_ids
            ],
            "locales": [
                locale
                for locale in cleaned_data.get("locales", [])
                if locale.pk not in scope.locale_ids
            ],
        }
        messages = {
            "sites": _(
                "%(partner)s's keys may not read %(names)s: choose among its sites, or none"
                " for all of them."
            ),
            "locales": _(
                "%(partner)s's keys may not read %(names)s: choose among its languages, or none"
                " for all of them."
            ),
        }
        for field, chosen in outside.items():
            if chosen:
                names = ", ".join(str(item) for item in chosen)
                self.add_error(
                    field, messages[field] % {"partner": cleaned_data["partner"], "names": names}
                )
