"""A partner's TypeScript render, typed by a client generated from the live v3 OpenAPI document.

clients/typescript/src/render.ts renders procedure and location pages with the
types openapi-typescript generates from /api/v3/openapi.json: `tsc --strict`
must accept it with no cast and no `any`, its switches over block types must
stay exhaustive (a new block type the document adds fails the check), and run on
the demo's real answers it renders each page's title and sections.
Node comes with the machine; `make test` installs the pinned tools with `npm ci`.
The ``typescript_project`` and ``typescript_build`` fixtures (tests/api/conftest.py) are
shared with the Python client's tests, which compare the two renders.
"""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from locations.models import LocationPage
from procedures.models import ProcedurePage

PROJECT = Path(settings.BASE_DIR) / "clients" / "typescript"


def run(folder, command):
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_render_type_checks_strictly_against_the_generated_client(typescript_project):
    run(typescript_project, ["node", "node_modules/.bin/tsc", "--noEmit"])


def test_the_render_uses_no_cast_and_no_any():
    code = [
        line
        for path in (PROJECT / "src").glob("*.ts")
        for line in path.read_text().splitlines()
        if not line.strip().startswith("//")
    ]
    assert not [line for line in code if re.search(r"\bany\b|\bas\s+[A-Z{(]|<[A-Z]\w*>\s*\w", line)]


def test_a_block_type_the_render_does_not_handle_fails_the_check(typescript_project):
    render = typescript_project / "src" / "render.ts"
    original = render.read_text()
    handled_text = '    case "text":\n      return block.value;\n'
    assert handled_text in original
    render.write_text(original.replace(handled_text, "", 1))
    try:
        result = subprocess.run(  # noqa: S603
            ["node", "node_modules/.bin/tsc", "--noEmit"],
            cwd=typescript_project,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        render.write_text(original)
    assert result.returncode != 0
    assert "'never'" in result.stdout


@pytest.mark.demo_content
@pytest.mark.django_db
def test_the_render_shows_the_demo_pages_from_their_live_answers(typescript_build, tmp_path):
    pages = list(Page.objects.live().type(ProcedurePage, LocationPage).specific())
    assert pages
    answers = []
    for page in pages:
        answer = Client(headers={"host": page.get_site().hostname}).get(f"/api/v3/pages/{page.pk}/")
        assert answer.status_code == 200
        answers.append(tmp_path / f"{page.pk}.json")
        answers[-1].write_text(answer.content.decode())
    rendered = run(typescript_build, ["node", "dist/cli.js", *map(str, answers)])
    articles = rendered.split("<article>")[1:]
    assert len(articles) == len(pages)
    for page, article in zip(pages, articles, strict=True):
        title = page.title.replace("&", "&#38;").replace("'", "&#39;")
        assert f"<h1>{title}</h1>" in article
        assert "<h2>" in article or "<address>" in article
        assert not re.search(r"<h[^1-6r]", article), "a heading tag the browser does not know"
