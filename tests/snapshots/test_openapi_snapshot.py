"""The API v3 OpenAPI schema that partners generate their clients from.

Modelled on Wagtail's own wagtail/api/v3/tests/test_openapi_snapshot.py, but
fetched over HTTP (the public URL survives any move of the code behind it) and
compared as pretty-printed text, so that a change shows as a unified diff.
``UPDATE_SNAPSHOTS=1`` rewrites ``openapi_v3.json`` instead of comparing.
"""

import difflib
import json
import os
from pathlib import Path

import pytest

from tests.helpers import suite_only_page_models

SNAPSHOT_PATH = Path(__file__).with_name("openapi_v3.json")
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"

pytestmark = pytest.mark.django_db


def pretty(schema):
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_production_serves_it(schema):
    """The document without the page types that only the test suite installs.

    Their schemas are named after the model; their label appears as a key, a
    constant or a member of a list of types.
    """
    models = suite_only_page_models()
    names = tuple(model.__name__ for model in models)
    labels = {model._meta.label for model in models}

    def names_a_test_type(value):
        if isinstance(value, dict):
            ref = value.get("$ref", "")
            return ref.rsplit("/", 1)[-1].startswith(names) or names_a_test_type(value.get("const"))
        return isinstance(value, str) and value in labels

    def prune(value):
        if isinstance(value, dict):
            return {
                key: prune(item)
                for key, item in value.items()
                if not key.startswith(names) and key not in labels and not names_a_test_type(item)
            }
        if isinstance(value, list):
            return [prune(item) for item in value if not names_a_test_type(item)]
        return value

    return prune(schema)


def test_openapi_schema_matches_snapshot(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schema = as_production_serves_it(response.json())
    assert schema["openapi"].startswith("3.")
    actual = pretty(schema)

    if UPDATE:
        SNAPSHOT_PATH.write_text(actual, encoding="utf-8")
        pytest.skip(f"UPDATE_SNAPSHOTS=1: wrote {SNAPSHOT_PATH}")
    if not SNAPSHOT_PATH.exists():
        pytest.fail(f"No snapshot at {SNAPSHOT_PATH}; run with UPDATE_SNAPSHOTS=1.")

    expected = SNAPSHOT_PATH.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"snapshot: {SNAPSHOT_PATH.name}",
            tofile="now: /api/v3/openapi.json",
        )
        pytest.fail(
            "The API v3 OpenAPI schema changed (UPDATE_SNAPSHOTS=1 rewrites the snapshot "
            "if this is intended):\n" + "".join(diff),
            pytrace=False,
        )
