"""API v3 lists the content languages, as Wagtail's own client expects (``wt api locales list``)."""

import pytest

from tests.builders import english, spanish

pytestmark = pytest.mark.django_db

URL = "/api/v3/locales/"


def test_a_token_lists_every_language_with_its_name(client, token_for):
    english(), spanish()
    token = token_for("integration", superuser=True)

    response = client.get(URL, headers={"authorization": f"Bearer {token}"})

    assert response.status_code == 200
    locales = {item["language_code"]: item for item in response.json()["items"]}
    assert {"en", "es"} <= set(locales)
    assert locales["en"]["is_default"] is True
    assert locales["es"]["display_name"] == "Español"
    detail = client.get(
        f"{URL}{locales['es']['id']}/", headers={"authorization": f"Bearer {token}"}
    )
    assert detail.json()["language_code"] == "es"


def test_without_a_token_the_answer_is_a_json_401(client):
    response = client.get(URL)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_locales_are_in_the_openapi_document(client):
    paths = client.get("/api/v3/openapi.json").json()["paths"]

    assert {"/api/v3/locales/", "/api/v3/locales/{locale_id}/"} <= set(paths)
