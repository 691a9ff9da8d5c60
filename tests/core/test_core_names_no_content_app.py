"""The core app names no content app, not even in a model string (docs/architecture.md).

import-linter sees imports only; a string such as ``"home.HomePage"`` or
``apps.get_model("locations", ...)`` hides the same dependency from it.
"""

import ast
import tomllib
from pathlib import Path

import pytest
from django.apps import apps

BASE_DIR = Path(__file__).resolve().parents[2]


def apps_above_core():
    """The labels of the apps in the layers above core (pyproject.toml's layers contract)."""
    contracts = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]
    [layers] = [c["layers"] for c in contracts["contracts"] if c["type"] == "layers"]
    names = {name.strip() for layer in layers[: layers.index("core")] for name in layer.split("|")}
    return sorted(config.label for config in apps.get_app_configs() if config.name in names)


def strings_in(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def core_modules():
    return [
        path
        for path in sorted((BASE_DIR / "core").rglob("*.py"))
        if "migrations" not in path.relative_to(BASE_DIR).parts
    ]


@pytest.mark.parametrize("label", apps_above_core())
def test_core_names_no_app_above_it(label):
    found = [
        f"{path.relative_to(BASE_DIR)}:{line}: {text!r}"
        for path in core_modules()
        for line, text in strings_in(path)
        if text == label or text.startswith(f"{label}.")
    ]
    assert found == []
