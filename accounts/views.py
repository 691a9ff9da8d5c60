"""The second factor's pages in the admin: enrol an authenticator app, then give its codes."""

from base64 import b32encode

import segno
from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import confirmed_device


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def next_address(request):
    address = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(address, allowed_hosts={request.get_host()}):
        return address
    return "wagtailadmin_home"


def setup(request):
    """Shows a new secret as a QR code; a correct code from the app confirms it."""
    if confirmed_device(request.user):
        return redirect("accounts_two_factor_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None)
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(next_address(request))
    if form.is_bound:
        form.add_error("code", _("That code is not right. Enter the code your app shows now."))
    context = {
        "form": form,
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        # For apps that cannot scan: the same secret, typed by hand.
        "secret": b32encode(device.bin_key).decode(),
    }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context)


def verify(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect("accounts_two_factor_setup")
    form = CodeForm(request.POST or None)
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        otp_login(request, device)
        return redirect(next_address(request))
    if form.is_bound:
        form.add_error("code", _("That code is not right. Enter the code your app shows now."))
    return TemplateResponse(request, "accounts/two_factor_verify.html", {"form": form})
