"""The admin of partners and their keys (under Settings).

A key's full value is shown once, on the page that answers its creation or
rotation; only its digest is stored, so it cannot be shown again.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from partners import registry
from partners.models import DEFAULT_ROTATION_OVERLAP, KeyUsage, Partner, PartnerKey
from partners.permissions import can_manage_partners

KEY_CREATED_TEMPLATE = "partners/key_created.html"


def key_created_response(request, key, full_key):
    return TemplateResponse(
        request,
        KEY_CREATED_TEMPLATE,
        {
            "key": key,
            "full_key": full_key,
            "header_title": _("New key for %(partner)s") % {"partner": key.partner},
            "page_title": _("New key for %(partner)s") % {"partner": key.partner},
            "header_icon": "key",
            "edit_url": reverse("partner_keys:edit", args=[key.pk]),
        },
    )


class PartnerActivityPanel(Panel):
    """The partner's keys and their requests per day and endpoint, on its edit page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "partners/partner_activity_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            partner = self.instance
            context["keys"] = partner.keys.all() if partner.pk else []
            context["usage"] = (
                KeyUsage.objects.filter(key__partner=partner).select_related("key")[:200]
                if partner.pk
                else []
            )
            return context


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "globe"
    menu_label = _("Partners")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "contact_email", "rate_limit_per_minute", "active"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            MultiFieldPanel(
                [FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")
            ),
            FieldPanel("allowed_origins"),
            FieldPanel("preview_url"),
            FieldPanel("attribution_rule"),
            FieldPanel("rate_limit_per_minute"),
            FieldPanel("active"),
            PartnerActivityPanel(heading=_("Keys and usage")),
        ]
    )

    def get_edit_handler(self):
        # Then the panels that apps above this one register (their webhook endpoints).
        panels = [*self.edit_handler.children, *registry.partner_panels()]
        return ObjectList(panels).bind_to_model(self.model)


class KeyCreateView(generic.CreateView):
    def save_instance(self):
        self.full_key = self.form.instance.set_new_secret()
        return super().save_instance()

    def save_action(self):
        return key_created_response(self.request, self.object, self.full_key)


class KeyEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.revoked_at is None:
            for name, label, icon in [
                ("rotate", _("Rotate"), "rotate"),
                ("revoke", _("Revoke"), "cross"),
            ]:
                url = reverse(f"partner_keys:{name}", args=[self.object.pk])
                buttons.append(Button(label, url=url, icon_name=icon, priority=5))
        return buttons


class KeyActionView(WagtailAdminTemplateMixin, View):
    """A confirmation page (GET) and the action (POST) on one key."""

    model = PartnerKey
    template_name = "partners/key_action.html"
    header_icon = "key"
    action_label = ""
    explanation = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_partners(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            PartnerKey.objects.select_related("partner"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.action_label}: {self.object}"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            key=self.object,
            action_label=self.action_label,
            explanation=self.explanation,
            edit_url=reverse("partner_keys:edit", args=[self.object.pk]),
        )
        return context


class RevokeKeyView(KeyActionView):
    action_label = _("Revoke")
    explanation = _("The key is refused from now on, within a few seconds everywhere.")

    def post(self, request, *args, **kwargs):
        revoke(self.object)
        messages.success(request, _("Key %(key)s revoked.") % {"key": self.object.prefix})
        return redirect("partner_keys:edit", self.object.pk)


class RotateKeyView(KeyActionView):
    action_label = _("Rotate")
    explanation = _(
        "A new key with the same scope is made and shown once; this key keeps working "
        "for 24 hours, so that the partner can switch."
    )

    def post(self, request, *args, **kwargs):
        new_key, full_key = rotate(self.object)
        return key_created_response(request, new_key, full_key)


def revoke(key):
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])


def rotate(key, overlap=DEFAULT_ROTATION_OVERLAP):
    """A new key with ``key``'s scope; ``key`` expires after ``overlap`` (or earlier, if due)."""
    new_key = PartnerKey(partner=key.partner, label=key.label, preview=key.preview)
    full_key = new_key.set_new_secret()
    new_key.save()
    new_key.sites.set(key.sites.all())
    new_key.locales.set(key.locales.all())
    new_key.content_types.set(key.content_types.all())
    overlap_end = timezone.now() + overlap
    if key.expires_at is None or key.expires_at > overlap_end:
        key.expires_at = overlap_end
        key.save(update_fields=["expires_at"])
    return new_key, full_key


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    name = "partner_keys"
    icon = "key"
    menu_label = _("Partner keys")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = KeyCreateView
    edit_view_class = KeyEditView
    list_display = [
        "__str__",
        "partner",
        Column("status", label=_("Status")),
        "created_at",
    ]
    list_filter = ["partner"]
    edit_handler = ObjectList(
        [
            FieldPanel("partner"),
            FieldPanel("label"),
            FieldPanel("expires_at"),
            MultiFieldPanel(
                [
                    FieldPanel("sites", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("locales", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("content_types", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("preview"),
                ],
                heading=_("Scope: what the key may read"),
            ),
        ]
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("rotate/<int:pk>/", RotateKeyView.as_view(), name="rotate"),
            path("revoke/<int:pk>/", RevokeKeyView.as_view(), name="revoke"),
        ]
