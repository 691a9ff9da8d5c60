import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from partners.scope import partner_scope
from webhooks.models import WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    """Event types as a comma-separated line rather than JSON; a partner's endpoint filters
    only within the partner's scope."""

    # An address typed without a scheme is read as HTTPS (Django 6's default).
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    event_types = forms.CharField(
        label=_("Event types"),
        required=False,
        help_text=_("Comma-separated, e.g. page.published, page.unpublished; empty: every type."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["partner", "name", "url", "enabled", "sites", "locales", "event_types"]
        widgets = {
            "sites": forms.CheckboxSelectMultiple,
            "locales": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["event_types"] = ", ".join(self.instance.event_types)

    def clean_event_types(self):
        return [name for name in re.split(r"[\s,]+", self.cleaned_data["event_types"]) if name]

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
