import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import APIToken

from tests.helpers import skip_for_missing_service

TYPESCRIPT_PROJECT = Path(settings.BASE_DIR) / "clients" / "typescript"


@pytest.fixture
def token_for(django_user_model):
    """A bearer token acting as a new user with the given groups or as a superuser."""

    def make(username, *, superuser=False, groups=()):
        if superuser:
            user = django_user_model.objects.create_superuser(username, f"{username}@example.com")
        else:
            user = django_user_model.objects.create_user(username, f"{username}@example.com")
        for group in groups:
            user.groups.add(group)
        return APIToken.create_token(user=user, name=f"{username} integration")[1]

    return make


@pytest.fixture(scope="session")
def typescript_project(tmp_path_factory, django_db_setup, django_db_blocker):
    """The TypeScript render in a folder of its own, with types generated from the live document.

    Session-wide: the TypeScript and the Python client tests both read it.
    """
    tsc = TYPESCRIPT_PROJECT / "node_modules" / ".bin" / "tsc"
    if not tsc.exists() or not shutil.which("node"):
        skip_for_missing_service("clients/typescript/node_modules is missing (npm ci there)")
    folder = tmp_path_factory.mktemp("typescript")
    for name in ("package.json", "tsconfig.json", "src"):
        copy = shutil.copytree if (TYPESCRIPT_PROJECT / name).is_dir() else shutil.copy
        copy(TYPESCRIPT_PROJECT / name, folder / name)
    (folder / "node_modules").symlink_to(TYPESCRIPT_PROJECT / "node_modules")
    with django_db_blocker.unblock():
        document = Client().get("/api/v3/openapi.json").json()
    (folder / "openapi.json").write_text(json.dumps(document))
    generate = ["node", "node_modules/.bin/openapi-typescript", "openapi.json"]
    run_in(folder, [*generate, "--output", "generated/foramen-v3.d.ts"])
    return folder


@pytest.fixture(scope="session")
def typescript_build(typescript_project):
    """The TypeScript render compiled: ``node dist/cli.js ANSWER.json ...`` renders."""
    build = ["node", "node_modules/.bin/tsc", "--noEmit", "false", "--rootDir", "src"]
    run_in(typescript_project, [*build, "--outDir", "dist"])
    return typescript_project


def run_in(folder, command):
    result = subprocess.run(  # noqa: S603
        command, cwd=folder, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
