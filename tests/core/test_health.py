"""/healthz and /readyz, as a load balancer and a deploy read them (core/health.py)."""

import pytest
from django.test import Client

from core.health import readiness_checks
from tests.cms.test_settings import PRODUCTION_ENV, run_manage


def test_liveness_answers_without_touching_the_database():
    # No django_db mark: a query would fail the test.
    answer = Client().get("/healthz")
    assert answer.status_code == 200
    assert answer.content == b"ok\n"
    assert answer["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_names_every_dependency_and_each_is_ok(production_caches):
    answer = Client().get("/readyz")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store"
    assert answer.json() == {
        "status": "ready",
        "checks": {name: "ok" for name, _check in readiness_checks()},
    }
    assert set(answer.json()["checks"]) == {
        "database",
        *(f"redis:{alias}" for alias in production_caches),
        "storage:default",
        "storage:leads",
    }


@pytest.mark.django_db
def test_a_stopped_redis_makes_the_server_unready_but_alive(production_caches, redis_server):
    with redis_server.stopped():
        unready = Client().get("/readyz")
        alive = Client().get("/healthz")
    assert unready.status_code == 503
    assert unready.json()["status"] == "unavailable"
    assert unready.json()["checks"]["redis:default"] == "failed"
    assert unready.json()["checks"]["database"] == "ok"
    body = unready.content.decode()
    assert str(redis_server.port) not in body
    assert "127.0.0.1" not in body
    assert alive.status_code == 200


@pytest.mark.django_db
def test_a_missing_media_folder_makes_the_server_unready(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "not-mounted")
    answer = Client().get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["storage:default"] == "failed"
    assert "not-mounted" not in answer.content.decode()


@pytest.mark.django_db
def test_readiness_is_back_once_redis_is(production_caches, redis_server):
    with redis_server.stopped():
        assert Client().get("/readyz").status_code == 503
    assert Client().get("/readyz").status_code == 200


def test_production_answers_a_plain_http_probe_without_the_ssl_redirect():
    probe = (
        "from django.test import Client; c = Client(HTTP_HOST='cms.example.org');"
        "print(c.get('/healthz').status_code, c.get('/search/').status_code)"
    )
    result = run_manage("shell", "--no-imports", "-c", probe, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]
