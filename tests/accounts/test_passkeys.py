"""Passkeys (WebAuthn) as the second factor, beside the authenticator app.

The browser's part is played by tests/accounts/software_authenticator.py; the server's
verification of what it signs is django-otp-webauthn's own, unmocked.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.passkeys import relying_party_id
from leads.models import LeadAccess
from tests.accounts.software_authenticator import SoftwarePasskey

SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"
DEVICES = "/admin/two-factor/"
REMOVE = "/admin/two-factor/remove/"
PASSKEYS = "/admin/two-factor/passkeys/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.ACCOUNTS_REQUIRE_TWO_FACTOR = True


def post_json(client, path, data=None):
    return client.post(path, json.dumps(data or {}), content_type="application/json")


def register(client, passkey):
    options = post_json(client, f"{PASSKEYS}registration/begin/").json()
    return post_json(client, f"{PASSKEYS}registration/complete/", passkey.create(options))


def sign_with(client, passkey, next_address=""):
    options = post_json(client, f"{PASSKEYS}authentication/begin/").json()
    query = f"?next={next_address}" if next_address else ""
    return post_json(client, f"{PASSKEYS}authentication/complete/{query}", passkey.get(options))


@pytest.fixture
def enrolled_superuser(client, superuser):
    """A superuser with a registered passkey, signed in with the password only."""
    passkey = SoftwarePasskey()
    client.force_login(superuser)
    assert register(client, passkey).status_code == 200
    client.logout()
    client.force_login(superuser)
    return passkey


def test_the_setup_page_offers_an_authenticator_app_and_a_passkey(admin_client):
    page = admin_client.get(SETUP).content.decode()
    assert 'src="data:image/svg+xml' in page
    assert 'id="passkey-register-button"' in page
    assert 'id="otp_webauthn_config" type="application/json"' in page
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in page


def test_registering_a_passkey_enrols_and_verifies_the_session(admin_client, superuser):
    assert admin_client.get("/admin/")["Location"] == f"{SETUP}?next=/admin/"
    answer = register(admin_client, SoftwarePasskey())
    assert answer.status_code == 200
    assert WebAuthnCredential.objects.filter(user=superuser, confirmed=True).count() == 1
    assert admin_client.get("/admin/").status_code == 200


def test_the_relying_party_is_the_admins_host_and_the_sites_name(admin_client):
    options = post_json(admin_client, f"{PASSKEYS}registration/begin/").json()
    assert options["rp"] == {"id": "testserver", "name": "Foramen"}


def test_a_fixed_relying_party_id_overrides_the_host(settings, rf):
    settings.OTP_WEBAUTHN_RP_ID = "example.com"
    assert relying_party_id(rf.get("/", HTTP_HOST="admin.example.com")) == "example.com"
    settings.OTP_WEBAUTHN_RP_ID = ""
    assert relying_party_id(rf.get("/", HTTP_HOST="admin.example.com:8443")) == (
        "admin.example.com"
    )


def test_an_enrolled_user_is_asked_for_the_passkey_and_it_opens_the_admin(
    client, enrolled_superuser
):
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=/admin/"
    page = client.get(f"{VERIFY}?next=/admin/pages/").content.decode()
    assert 'id="passkey-verification-button"' in page
    assert 'name="code"' not in page
    answer = sign_with(client, enrolled_superuser, "/admin/pages/")
    assert answer.status_code == 200
    assert answer.json()["redirect_url"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_passkey_of_another_site_opens_nothing(client, enrolled_superuser):
    enrolled_superuser.origin = "https://phishing.example"
    assert sign_with(client, enrolled_superuser).status_code >= 400
    assert client.get("/admin/").status_code == 302


def test_a_second_passkey_needs_the_first_factor_given(client, enrolled_superuser):
    answer = post_json(client, f"{PASSKEYS}registration/begin/")
    assert answer.status_code == 403
    assert WebAuthnCredential.objects.count() == 1


def test_a_passkey_is_never_a_way_in_without_the_password(client, enrolled_superuser):
    client.logout()
    answer = post_json(client, f"{PASSKEYS}authentication/begin/")
    assert "challenge" not in answer.content.decode()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_user_with_both_factors_is_offered_both(client, superuser, enrolled_superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    page = client.get(VERIFY).content.decode()
    assert 'id="passkey-verification-button"' in page
    assert 'name="code"' in page


def test_a_user_with_only_the_app_sees_no_passkey_button(client, superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    page = client.get(VERIFY).content.decode()
    assert 'name="code"' in page
    assert "passkey-verification-button" not in page


def test_the_devices_page_lists_the_factors_and_needs_the_second_factor(client, enrolled_superuser):
    assert client.get(DEVICES)["Location"] == f"{VERIFY}?next={DEVICES}"
    sign_with(client, enrolled_superuser)
    page = client.get(DEVICES).content.decode()
    assert "Passkey added" in page
    assert "No authenticator app is set up." in page


def test_the_account_page_links_to_the_devices(admin_client):
    register(admin_client, SoftwarePasskey())
    assert f'href="{DEVICES}"' in admin_client.get("/admin/account/").content.decode()


def test_the_last_factor_of_a_superuser_stays(client, superuser, enrolled_superuser):
    sign_with(client, enrolled_superuser)
    passkey = WebAuthnCredential.objects.get(user=superuser)
    assert "Remove Passkey" not in client.get(DEVICES).content.decode()
    client.post(REMOVE, {"device": passkey.persistent_id})
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_a_factor_goes_when_another_is_left(client, superuser, enrolled_superuser):
    sign_with(client, enrolled_superuser)
    app = TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    answer = client.post(REMOVE, {"device": app.persistent_id})
    assert answer["Location"] == DEVICES
    assert not TOTPDevice.objects.filter(pk=app.pk).exists()
    assert WebAuthnCredential.objects.filter(user=superuser).exists()


def test_nobody_removes_anothers_factor(client, superuser, django_user_model):
    other = django_user_model.objects.create_superuser("other", password="x" * 20)
    theirs = TOTPDevice.objects.create(user=other, name="app", confirmed=True)
    mine = TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    client.post(VERIFY, {"code": f"{totp(mine.bin_key):06d}"})
    assert client.post(REMOVE, {"device": theirs.persistent_id}).status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_an_editor_without_patient_data_may_remove_their_only_passkey(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x" * 20)
    editor.user_permissions.add(*admin_access())
    client.force_login(editor)
    register(client, SoftwarePasskey())
    passkey = WebAuthnCredential.objects.get(user=editor)
    client.post(REMOVE, {"device": passkey.persistent_id})
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_a_lead_manager_can_enrol_with_a_passkey(client, django_user_model):
    managers = Group.objects.create(name="Managers of every form")
    LeadAccess.objects.create(group=managers)
    manager = django_user_model.objects.create_user("manager", password="x" * 20)
    manager.groups.add(managers)
    manager.user_permissions.add(*admin_access())
    client.force_login(manager)
    assert client.get("/admin/")["Location"] == f"{SETUP}?next=/admin/"
    register(client, SoftwarePasskey())
    assert client.get("/admin/").status_code == 200


def admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_the_pages_speak_the_admins_language(admin_client, superuser):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "es"
    profile.save()
    page = admin_client.get(SETUP).content.decode()
    assert "Configurar la verificación en dos pasos" in page
    assert "Registrar una llave de acceso" in page


def test_an_editor_gives_their_passkey_before_removing_it(client, django_user_model):
    """The middleware does not ask editors for a second factor, but the devices pages do."""
    editor = django_user_model.objects.create_user("editor", password="x" * 20)
    editor.user_permissions.add(*admin_access())
    client.force_login(editor)
    register(client, SoftwarePasskey())
    client.logout()
    client.force_login(editor)
    passkey = WebAuthnCredential.objects.get(user=editor)
    assert client.get("/admin/").status_code == 200
    assert client.post(REMOVE, {"device": passkey.persistent_id})["Location"] == (
        f"{VERIFY}?next={DEVICES}"
    )
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
