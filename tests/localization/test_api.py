"""Both APIs: ?locale=, translation_of, translations with URLs, finding a Spanish page by path."""

import pytest

pytestmark = pytest.mark.demo_content


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_locale_filter_lists_only_that_language(client, version, lumbar_es):
    spanish = items(client.get(f"/api/{version}/pages/", {"locale": "es", "limit": 50}))
    assert {item["meta"]["locale"] for item in spanish} == {"es"}
    assert lumbar_es.pk in {item["id"] for item in spanish}
    english = items(client.get(f"/api/{version}/pages/", {"locale": "en", "limit": 50}))
    assert lumbar_es.pk not in {item["id"] for item in english}


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_translation_of_finds_the_spanish_page(client, version, lumbar, lumbar_es):
    found = items(
        client.get(f"/api/{version}/pages/", {"translation_of": lumbar.pk, "locale": "es"})
    )
    assert [item["id"] for item in found] == [lumbar_es.pk]
    assert found[0]["meta"]["html_url"] == (
        "http://testserver/es/procedimientos/foraminotomia-lumbar/"
    )


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_each_page_lists_its_translations_with_their_urls(client, version, lumbar, lumbar_es):
    english = client.get(f"/api/{version}/pages/{lumbar.pk}/").json()
    assert english["translations"] == {
        "es": {
            "id": lumbar_es.pk,
            "url": "http://testserver/es/procedimientos/foraminotomia-lumbar/",
        }
    }
    spanish = client.get(f"/api/{version}/pages/{lumbar_es.pk}/").json()
    assert spanish["translations"] == {
        "en": {"id": lumbar.pk, "url": "http://testserver/procedures/lumbar-foraminotomy/"}
    }
    assert spanish["page_url"] == "http://testserver/es/procedimientos/foraminotomia-lumbar/"
    assert spanish["title"] == "Foraminotomía lumbar"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_partner_fetches_the_spanish_procedure_by_its_path(client, version, lumbar_es):
    response = client.get(
        f"/api/{version}/pages/find/",
        {"html_path": "/es/procedimientos/foraminotomia-lumbar/"},
        follow=True,
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["id"], data["meta"]["locale"]) == (lumbar_es.pk, "es")
    recovery = next(block for block in data["body"] if block["type"] == "recovery")
    assert recovery["value"]["heading"] == "Recuperación de la foraminotomía lumbar"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_an_unknown_language_path_is_not_found(client, db, version):
    response = client.get(
        f"/api/{version}/pages/find/", {"html_path": "/es/no-such-page/"}, follow=True
    )
    assert response.status_code == 404


def test_a_page_url_that_starts_like_a_language_still_finds_english_pages(client, lumbar):
    response = client.get(
        "/api/v2/pages/find/", {"html_path": "/procedures/lumbar-foraminotomy/"}, follow=True
    )
    assert response.json()["id"] == lumbar.pk


def test_snippets_filter_by_locale_in_v2(client, db):
    spanish = items(client.get("/api/v2/testimonials/", {"locale": "es"}))
    assert spanish and all(
        item["disclosure"].startswith("Los resultados individuales varían") for item in spanish
    )
    calls = items(client.get("/api/v2/calls-to-action/", {"locale": "es"}))
    assert "Solicite un paquete informativo gratuito" in {call["heading"] for call in calls}


def spanish_review_call(client):
    calls = items(client.get("/api/v2/calls-to-action/", {"locale": "es"}))
    return next(call for call in calls if call["heading"].startswith("Revisión gratuita"))


def test_a_spanish_call_to_action_links_the_english_page_while_no_translation_is_live(
    client, review_form, review_form_es
):
    review_form_es.unpublish()
    assert spanish_review_call(client)["action"]["url"] == review_form.full_url


def test_a_spanish_call_to_action_links_the_spanish_page(client, review_form_es):
    assert spanish_review_call(client)["action"]["url"] == review_form_es.full_url
