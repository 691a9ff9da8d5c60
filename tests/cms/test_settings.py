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
    "missing", ["DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEY"]
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


def test_production_refuses_a_front_cache_without_a_trusted_proxy_count():
    behind_varnish = dict(PRODUCTION_ENV, FRONTEND_CACHE_URL="http://127.0.0.1:8081")
    refused = run_manage("check", env=behind_varnish)
    assert refused.returncode != 0
    assert "LEADS_TRUSTED_PROXY_COUNT must be set" in refused.stderr
    accepted = run_manage("check", env=dict(behind_varnish, LEADS_TRUSTED_PROXY_COUNT="1"))
    assert accepted.returncode == 0, accepted.stderr
