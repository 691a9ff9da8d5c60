"""Logins and password resets are throttled per client address; patient-data sessions time out.

The test settings turn django-axes off (other suites log in with client.login,
which passes no request); these tests turn it on.
"""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache

from accounts.idle_timeout import LAST_SEEN_KEY
from leads.models import LeadAccess

LOGIN = "/admin/login/"
PASSWORD_RESET = "/admin/password_reset/"


@pytest.fixture
def throttled(settings, db):
    settings.AXES_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def wrong_login(client, superuser, address="203.0.113.7"):
    return client.post(
        LOGIN, {"username": superuser.username, "password": "wrong"}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_address_out_with_a_429_page(client, superuser, throttled):
    for _ in range(4):
        assert wrong_login(client, superuser).status_code == 200
    locked = wrong_login(client, superuser)
    assert locked.status_code == 429
    assert b"Too many attempts" in locked.content
    assert b"Wait 15 minutes" in locked.content
    right = client.post(
        LOGIN,
        {"username": superuser.username, "password": "correct horse battery"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert right.status_code == 429


def test_another_address_can_still_log_in(client, superuser, throttled):
    for _ in range(5):
        wrong_login(client, superuser)
    right = client.post(
        LOGIN,
        {"username": superuser.username, "password": "correct horse battery"},
        REMOTE_ADDR="198.51.100.2",
    )
    assert right.status_code == 302


def test_a_password_login_opens_the_admin(client, superuser, throttled):
    client.post(
        LOGIN,
        {"username": superuser.username, "password": "correct horse battery"},
        REMOTE_ADDR="198.51.100.2",
    )
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("backend", settings.AUTHENTICATION_BACKENDS)
def test_a_session_loads_its_user_whichever_backend_it_recorded(client, superuser, backend):
    """Wagtail's page test case logs in with the first backend: each must load users."""
    client.force_login(superuser, backend)
    assert client.get("/admin/").status_code == 200


def test_behind_a_proxy_the_client_address_is_counted(client, superuser, throttled, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": superuser.username, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    patient_visitor = client.post(
        LOGIN,
        {"username": superuser.username, "password": "correct horse battery"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert patient_visitor.status_code == 302


def test_password_reset_requests_are_limited_per_address(client, superuser, throttled):
    for _ in range(5):
        answer = client.post(PASSWORD_RESET, {"email": superuser.email}, REMOTE_ADDR="203.0.113.7")
        assert answer.status_code == 302
    refused = client.post(PASSWORD_RESET, {"email": superuser.email}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert b"Too many attempts" in refused.content


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_an_idle_superuser_session_ends(admin_client, settings):
    assert admin_client.get("/admin/").status_code == 200
    idle_for(admin_client, settings.ADMIN_IDLE_TIMEOUT + 1)
    answer = admin_client.get("/admin/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(LOGIN)
    assert admin_client.get("/admin/").status_code == 302


def test_an_active_superuser_session_goes_on(admin_client, settings):
    admin_client.get("/admin/")
    idle_for(admin_client, settings.ADMIN_IDLE_TIMEOUT - 60)
    assert admin_client.get("/admin/").status_code == 200


def test_an_idle_lead_manager_session_ends(client, django_user_model, settings):
    managers = Group.objects.create(name="Managers of every form")
    LeadAccess.objects.create(group=managers)
    manager = django_user_model.objects.create_user("manager", password="x" * 20)
    manager.groups.add(managers)
    client.force_login(manager)
    client.get("/admin/")
    idle_for(client, settings.ADMIN_IDLE_TIMEOUT + 1)
    client.get("/admin/")
    assert "_auth_user_id" not in client.session


def test_an_editor_without_patient_data_keeps_the_session(client, django_user_model, settings):
    editor = django_user_model.objects.create_user("editor", password="x" * 20)
    client.force_login(editor)
    client.get("/")
    idle_for(client, settings.ADMIN_IDLE_TIMEOUT + 1)
    client.get("/")
    assert client.session["_auth_user_id"] == str(editor.pk)
