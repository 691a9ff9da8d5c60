from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.devices, name="accounts_two_factor_devices"),
        path("two-factor/remove/", views.remove_device, name="accounts_two_factor_remove"),
        path("two-factor/setup/", views.setup, name="accounts_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        # django-otp-webauthn's own ceremonies and script catalogue, used by the pages above.
        path("two-factor/passkeys/", include("django_otp_webauthn.urls")),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("accounts_two_factor_devices"),
        "label": _("Two-factor authentication"),
        "help_text": _("See, add or remove your authenticator app and passkeys."),
    }
