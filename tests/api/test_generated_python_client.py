"""A partner's Python render, typed by a client generated from the live v3 OpenAPI document.

openapi-python-client (pinned in requirements-dev.txt, settings in
clients/python/config.yaml) must generate every operation of /api/v3/openapi.json:
it drops, with only a warning, an operation whose document it cannot read.
clients/python/render.py renders procedure and location pages with the generated
models: ``mypy --strict`` must accept it, its matches over block types must stay
exhaustive, and run on the demo's real answers it renders each page's title and
sections, to the byte what the TypeScript render (tests/api/test_generated_clients.py)
writes.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from api.openapi import HTTP_METHODS
from locations.models import LocationPage
from procedures.models import ProcedurePage

PROJECT = Path(settings.BASE_DIR) / "clients" / "python"
PACKAGE = "foramen_v3"
TOOLS = Path(sys.executable).parent


@pytest.fixture(scope="module")
def python_project(tmp_path_factory, django_db_setup, django_db_blocker):
    """The render beside the package generated from the live document, and what it warned."""
    folder = tmp_path_factory.mktemp("python")
    shutil.copy(PROJECT / "render.py", folder / "render.py")
    with django_db_blocker.unblock():
        document = Client().get("/api/v3/openapi.json").json()
    (folder / "openapi.json").write_text(json.dumps(document))
    output = run(
        folder,
        [
            TOOLS / "openapi-python-client",
            "generate",
            "--path",
            "openapi.json",
            "--output-path",
            PACKAGE,
            "--meta",
            "none",
            "--config",
            PROJECT / "config.yaml",
        ],
    )
    return folder, document, output


def run(folder, command, check=True):
    result = subprocess.run(  # noqa: S603
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(folder), "MYPYPATH": str(folder)},
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def type_check(folder):
    # The cache in the folder makes a second check re-read only render.py.
    return run(folder, [TOOLS / "mypy", "--strict", "render.py"], check=False)


def test_every_operation_of_the_document_is_generated(python_project):
    folder, document, generation = python_project
    assert "will not be generated" not in generation.stdout + generation.stderr
    operation_ids = {
        operation["operationId"]
        for path_item in document["paths"].values()
        for method, operation in path_item.items()
        if method in HTTP_METHODS
    }
    dropped_before = {"pages_actions_unpublish", "pages_actions_copy", "pages_actions_create_alias"}
    assert dropped_before <= operation_ids
    modules = (folder / PACKAGE / "api").glob("*/*.py")
    generated = {module.stem for module in modules if "def sync_detailed(" in module.read_text()}
    assert generated == operation_ids


def test_the_render_type_checks_strictly_and_a_block_it_does_not_handle_fails(python_project):
    folder, _, _ = python_project
    checked = type_check(folder)
    assert checked.returncode == 0, checked.stdout
    render = folder / "render.py"
    original = render.read_text()
    handled_text = "        case ProcedureBodyBlockText(value=value):\n            return value\n"
    assert handled_text in original
    render.write_text(original.replace(handled_text, "", 1))
    try:
        checked = type_check(folder)
    finally:
        render.write_text(original)
    assert checked.returncode != 0
    assert '"assert_never" has incompatible type "ProcedureBodyBlockText"' in checked.stdout


@pytest.fixture(scope="module")
def demo_answers(tmp_path_factory, django_db_blocker):
    """The demo's procedure and location pages, each with its saved v3 detail answer."""
    folder = tmp_path_factory.mktemp("answers")
    with django_db_blocker.unblock():
        pages = list(Page.objects.live().type(ProcedurePage, LocationPage).specific())
        answers = []
        for page in pages:
            client = Client(headers={"host": page.get_site().hostname})
            answer = client.get(f"/api/v3/pages/{page.pk}/")
            assert answer.status_code == 200
            answers.append(folder / f"{page.pk}.json")
            answers[-1].write_text(answer.content.decode())
    return pages, [str(answer) for answer in answers]


@pytest.mark.demo_content
@pytest.mark.django_db
def test_the_render_shows_the_demo_pages_from_their_live_answers(python_project, demo_answers):
    folder, _, _ = python_project
    pages, answers = demo_answers
    assert pages
    rendered = run(folder, [sys.executable, "render.py", *answers]).stdout
    articles = rendered.split("<article>")[1:]
    assert len(articles) == len(pages)
    for page, article in zip(pages, articles, strict=True):
        title = page.title.replace("&", "&#38;").replace("'", "&#39;")
        assert f"<h1>{title}</h1>" in article
        assert "<h2>" in article or "<address>" in article
        assert not re.search(r"<h[^1-6r]", article), "a heading tag the browser does not know"


@pytest.mark.demo_content
@pytest.mark.django_db
def test_the_render_writes_what_the_typescript_render_writes(
    python_project, typescript_build, demo_answers
):
    folder, _, _ = python_project
    _, answers = demo_answers
    python = run(folder, [sys.executable, "render.py", *answers]).stdout
    typescript = run(typescript_build, ["node", "dist/cli.js", *answers]).stdout
    assert python == typescript
