"""Superusers and lead managers need a TOTP code after their password; other editors do not."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from leads.models import LeadAccess

SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.ACCOUNTS_REQUIRE_TWO_FACTOR = True


def code_of(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def lead_manager(django_user_model):
    managers = Group.objects.create(name="Managers of every form")
    LeadAccess.objects.create(group=managers)
    user = django_user_model.objects.create_user("manager", password="x" * 20)
    user.groups.add(managers)
    user.user_permissions.add(*admin_access())
    return user


def admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_a_superuser_without_a_device_is_sent_to_enrol(admin_client):
    answer = admin_client.get("/admin/")
    assert answer.status_code == 302
    assert answer["Location"] == f"{SETUP}?next=/admin/"


def test_enrolment_shows_a_qr_code_and_a_right_code_opens_the_admin(admin_client, superuser):
    page = admin_client.get(SETUP)
    assert page.status_code == 200
    assert b'src="data:image/svg+xml' in page.content
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    answer = admin_client.post(f"{SETUP}?next=/admin/pages/", {"code": code_of(device)})
    assert answer.status_code == 302
    assert answer["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert admin_client.get("/admin/").status_code == 200


def test_an_enrolled_superuser_gives_a_code_after_each_login(client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    answer = client.get("/admin/")
    assert answer["Location"] == f"{VERIFY}?next=/admin/"
    assert client.get(SETUP)["Location"] == VERIFY
    assert client.post(VERIFY, {"code": code_of(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


# django-otp throttles a device after a wrong code, so each wrong code has a test of its own.
def test_a_wrong_code_confirms_no_enrolment(admin_client, superuser):
    admin_client.get(SETUP)
    answer = admin_client.post(SETUP, {"code": "000000"})
    assert answer.status_code == 200
    assert b"That code is not right" in answer.content
    # Focused again, its error tied to it, so that a screen reader reads the error first.
    field = BeautifulSoup(answer.content, "html.parser").find("input", attrs={"name": "code"})
    assert field.has_attr("autofocus")
    assert field["aria-describedby"] == "id_code_error"
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()
    assert admin_client.get("/admin/").status_code == 302


def test_a_wrong_code_opens_nothing(client, superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_the_next_address_never_leaves_the_site(client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    answer = client.post(f"{VERIFY}?next=https://evil.example/", {"code": code_of(device)})
    assert answer["Location"] == "/admin/"


def test_a_lead_manager_needs_the_second_factor(client, django_user_model):
    client.force_login(lead_manager(django_user_model))
    assert client.get("/admin/")["Location"] == f"{SETUP}?next=/admin/"


def test_an_editor_without_patient_data_needs_no_second_factor(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x" * 20)
    editor.user_permissions.add(*admin_access())
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_logging_in_and_out_stay_open(admin_client):
    assert admin_client.get("/admin/login/").status_code in {200, 302}
    assert admin_client.post("/admin/logout/").status_code == 302


def test_the_admins_login_stays_one_step_in_development():
    from cms.settings import dev

    assert dev.ACCOUNTS_REQUIRE_TWO_FACTOR is False


def test_the_admins_icons_and_script_strings_load_before_the_second_factor(admin_client):
    """The enrolment and verification pages are admin pages: without these, a redirect's
    HTML took the place of the icon sprite and of the scripts' translations."""
    sprite = admin_client.get("/admin/sprite/")
    assert sprite.status_code == 200
    assert b"<svg" in sprite.content
    catalog = admin_client.get("/admin/jsi18n/")
    assert catalog.status_code == 200
    assert catalog["Content-Type"].startswith("text/javascript")
