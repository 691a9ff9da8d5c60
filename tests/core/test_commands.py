import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_ensure_admin_prints_a_working_generated_password_once(capsys, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin", username="chief")
    output = capsys.readouterr().out
    password = output.split("password: ")[1].split()[0]
    assert authenticate(username="chief", password=password) is not None

    call_command("ensure_admin", username="another")
    assert "existing superuser kept" in capsys.readouterr().out
    assert authenticate(username="another", password=password) is None


def test_ensure_admin_uses_admin_password_without_printing_it(capsys, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a long chosen passphrase")
    call_command("ensure_admin", username="chief")
    assert "a long chosen passphrase" not in capsys.readouterr().out
    assert authenticate(username="chief", password="a long chosen passphrase") is not None


def test_server_error_page_renders_without_any_context():
    html = render_to_string("500.html")
    assert "<h1" in html
    assert 'href="/"' in html
