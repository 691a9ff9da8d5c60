"""Production settings read the environment and refuse unsafe start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "x7!k2@pq9#vb4$mz8^rt6&wy3*hn5(jd1)lf0_gs-ce+ua=oi[eb]yk{xq}wp|zv",
    "DATABASE_URL": "postgres://foramen:secret@127.0.0.1:5432/foramen",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "cms.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://cms.example.org",
    "WAGTAILADMIN_BASE_URL": "https://cms.example.org",
    # A fresh key for each run: no key is written in the repository.
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "CLAMAV_URL": "tcp://127.0.0.1:3310",
}


def run_manage(*args, env):
    clean_env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key():
    env = dict(PRODUCTION_ENV, SECRET_KEY="django-insecure-foramen-development-only")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "not a development key" in result.stderr


@pytest.mark.parametrize(
    "missing", ["DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEY", "CLAMAV_URL"]
)
def test_production_names_each_missing_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_refuses_the_development_encryption_key():
    from cms.settings.base import development_encryption_key

    dev_key = development_encryption_key("django-insecure-foramen-development-only")
    result = run_manage("check", env=dict(PRODUCTION_ENV, FIELD_ENCRYPTION_KEY=dev_key))
    assert result.returncode != 0
    assert "must not be the development key" in result.stderr


def test_production_refuses_an_encryption_key_that_is_not_a_fernet_key():
    env = dict(PRODUCTION_ENV, FIELD_ENCRYPTION_OLD_KEYS="not-a-key")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "must be Fernet keys" in result.stderr


def test_deploy_check_is_clean_with_the_environment_set():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("hosts", ["*", "cms.example.org,*"])
def test_production_refuses_any_host(hosts):
    result = run_manage("check", env=dict(PRODUCTION_ENV, ALLOWED_HOSTS=hosts))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's hosts" in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param("a" * 64, id="one character repeated"),
        pytest.param("abcd" * 16, id="four distinct characters"),
        pytest.param("x7!k2@pq9#vb4$mz8^rt6&wy3*hn5(jd1)", id="shorter than 50"),
    ],
)
def test_production_refuses_a_weak_secret_key(secret_key):
    result = run_manage("check", env=dict(PRODUCTION_ENV, SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "SECRET_KEY must be a real secret" in result.stderr


@pytest.mark.parametrize("public_root", ["STATIC_ROOT", "MEDIA_ROOT"])
@pytest.mark.parametrize("private_below", ["leads", ""], ids=["inside", "same folder"])
def test_production_refuses_private_files_in_a_served_folder(tmp_path, public_root, private_below):
    public = tmp_path / "public"
    env = dict(
        PRODUCTION_ENV,
        **{public_root: str(public), "LEADS_PRIVATE_ROOT": str(public / private_below)},
    )
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"LEADS_PRIVATE_ROOT must be outside {public_root}" in result.stderr


def test_production_sees_through_a_relative_path_into_a_served_folder(tmp_path):
    env = dict(
        PRODUCTION_ENV,
        MEDIA_ROOT=str(tmp_path / "media"),
        LEADS_PRIVATE_ROOT=str(tmp_path / "private" / ".." / "media" / "leads"),
    )
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "LEADS_PRIVATE_ROOT must be outside MEDIA_ROOT" in result.stderr


def test_production_starts_with_private_files_beside_the_served_folders(tmp_path):
    env = dict(
        PRODUCTION_ENV,
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        LEADS_PRIVATE_ROOT=str(tmp_path / "private" / "leads"),
    )
    result = run_manage("check", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("token", [None, "", "too-short-to-be-a-secret"])
def test_production_refuses_a_front_cache_without_its_purge_token(token):
    env = dict(
        PRODUCTION_ENV, FRONTEND_CACHE_URL="http://127.0.0.1:6081", LEADS_TRUSTED_PROXY_COUNT="1"
    )
    if token is not None:
        env["FRONTEND_CACHE_PURGE_TOKEN"] = token
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "FRONTEND_CACHE_PURGE_TOKEN must be a secret of at least 32" in result.stderr


def test_production_starts_with_a_front_cache_and_its_purge_token():
    env = dict(
        PRODUCTION_ENV,
        FRONTEND_CACHE_URL="http://127.0.0.1:6081",
        FRONTEND_CACHE_PURGE_TOKEN="k" * 32,
        LEADS_TRUSTED_PROXY_COUNT="1",
    )
    result = run_manage("check", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_front_cache_without_a_trusted_proxy_count():
    behind_varnish = dict(
        PRODUCTION_ENV,
        FRONTEND_CACHE_URL="http://127.0.0.1:8081",
        FRONTEND_CACHE_PURGE_TOKEN="k" * 32,
    )
    refused = run_manage("check", env=behind_varnish)
    assert refused.returncode != 0
    assert "LEADS_TRUSTED_PROXY_COUNT must be set" in refused.stderr
    accepted = run_manage("check", env=dict(behind_varnish, LEADS_TRUSTED_PROXY_COUNT="1"))
    assert accepted.returncode == 0, accepted.stderr


def test_production_never_lets_a_visitor_force_a_full_render():
    print_token = (
        "from django.conf import settings; print(repr(settings.RENDER_CACHE_BYPASS_TOKEN))"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        print_token,
        env=dict(PRODUCTION_ENV, RENDER_CACHE_BYPASS_TOKEN="leaked"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "''"


POOLER_PROBE = (
    "from django.db import connection; params = connection.get_connection_params(); "
    "print(connection.settings_dict['DISABLE_SERVER_SIDE_CURSORS'], "
    "params['prepare_threshold'], params.get('application_name'))"
)


def test_production_behind_pgbouncer_reads_without_server_side_cursors_or_prepared_statements():
    env = dict(PRODUCTION_ENV, DATABASE_POOLER="pgbouncer", DATABASE_APPLICATION_NAME="web-1")
    result = run_manage("shell", "-v0", "-c", POOLER_PROBE, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "None", "web-1"]


def test_production_straight_to_postgresql_keeps_server_side_cursors():
    result = run_manage("shell", "-v0", "-c", POOLER_PROBE, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "None", "None"]


@pytest.mark.parametrize(
    ("url", "pooler", "message"),
    [
        ("sqlite:////tmp/foramen.sqlite3", "pgbouncer", "needs a PostgreSQL DATABASE_URL"),
        (PRODUCTION_ENV["DATABASE_URL"], "pgpool", "DATABASE_POOLER must be one of"),
    ],
)
def test_production_refuses_a_pooler_it_cannot_work_with(url, pooler, message):
    env = dict(PRODUCTION_ENV, DATABASE_URL=url, DATABASE_POOLER=pooler)
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr
