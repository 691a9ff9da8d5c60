import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from webhooks.models import WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    """Event types as a comma-separated line rather than JSON."""

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
        fields = ["name", "url", "enabled", "sites", "locales", "event_types"]
        widgets = {
            "sites": forms.CheckboxSelectMultiple,
            "locales": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["event_types"] = ", ".join(self.instance.event_types)

    def clean_event_types(self):
        return [name for name in re.split(r"[\s,]+", self.cleaned_data["event_types"]) if name]
