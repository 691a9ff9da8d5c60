"""The second factor's pages in the admin: enrol an authenticator app or a passkey, give a
code or use a passkey after the password, and see or remove one's factors."""

from base64 import b32encode
from functools import wraps

import segno
from django import forms
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages

from accounts.two_factor import (
    authenticator_app,
    has_second_factor,
    passkeys,
    second_factor_required,
)

WRONG_CODE = _("That code is not right. Enter the code your app shows now.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def refuse_code(self):
        self.add_error("code", WRONG_CODE)
        # The page comes back focused on the field, so a screen reader reads its error at once.
        self.fields["code"].widget.attrs["autofocus"] = True


def next_address(request):
    address = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(address, allowed_hosts={request.get_host()}):
        return address
    return resolve_url("wagtailadmin_home")


def with_next(request, name):
    """The address of the named page, passing on where the user was going."""
    query = request.GET.urlencode()
    return f"{resolve_url(name)}?{query}" if query else resolve_url(name)


def setup(request):
    """A choice of second factor: an authenticator app, whose new secret shows as a QR code
    that a correct code confirms, or a passkey (registered by the passkey script)."""
    if has_second_factor(request.user) and not request.user.is_verified():
        return redirect(with_next(request, "accounts_two_factor_verify"))
    context = {"next": next_address(request)}
    if authenticator_app(request.user) is None:
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
        )
        form = CodeForm(request.POST or None)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(context["next"])
        if form.is_bound:
            form.refuse_code()
        context |= {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            # For apps that cannot scan: the same secret, typed by hand.
            "secret": b32encode(device.bin_key).decode(),
        }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context)


def verify(request):
    """Offers each factor the user has: a code form for the app, a button for passkeys."""
    app = authenticator_app(request.user)
    has_passkeys = passkeys(request.user).exists()
    if app is None and not has_passkeys:
        return redirect(with_next(request, "accounts_two_factor_setup"))
    form = CodeForm(request.POST or None) if app else None
    if form is not None and form.is_valid() and app.verify_token(form.cleaned_data["code"]):
        otp_login(request, app)
        return redirect(next_address(request))
    if form is not None and form.is_bound:
        form.refuse_code()
    context = {"form": form, "has_passkeys": has_passkeys, "next": next_address(request)}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


def verified_if_enrolled(view):
    """Whoever has a second factor gives it before seeing or changing their factors (the
    middleware asks for it only from the accounts that read patient data)."""

    @wraps(view)
    def verified_view(request):
        if has_second_factor(request.user) and not request.user.is_verified():
            devices_page = resolve_url("accounts_two_factor_devices")
            return redirect(f"{resolve_url('accounts_two_factor_verify')}?next={devices_page}")
        return view(request)

    return verified_view


@verified_if_enrolled
def devices(request):
    """The user's own factors, each with a button to remove it unless it is their last
    and their account needs one."""
    context = {
        "app": authenticator_app(request.user),
        "passkeys": passkeys(request.user),
        "can_remove": not is_last_needed_factor(request.user),
        "next": request.path,
    }
    return TemplateResponse(request, "accounts/two_factor_devices.html", context)


@require_POST
@verified_if_enrolled
def remove_device(request):
    device = Device.from_persistent_id(request.POST.get("device", ""))
    if device is None or device.user_id != request.user.pk:
        raise Http404
    if is_last_needed_factor(request.user):
        messages.error(
            request, _("This is your only second factor: add another before removing it.")
        )
    else:
        device.delete()
        messages.success(request, _("The second factor was removed."))
    return redirect("accounts_two_factor_devices")


def is_last_needed_factor(user):
    """Whether the user's one factor is all that stands between a password and patient data."""
    factors = passkeys(user).count() + (authenticator_app(user) is not None)
    return second_factor_required(user) and factors < 2
