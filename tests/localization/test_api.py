"""Both APIs: ?locale=, translation_of, translations with URLs, finding a Spanish page by path."""

import pytest
from django.test import Client

from core.factories import CallToActionFactory
from core.models import CallToAction
from people.factories import TestimonialFactory
from tests.builders import a_site, a_translation, spanish
from tests.leads.helpers import a_mri_review_form
from tests.localization.builders_sites import lumbar_foraminotomy, lumbar_foraminotomy_in_spanish

pytestmark = pytest.mark.django_db

DISCLOSURE_ES = (
    "Los resultados individuales varían. Este testimonio describe la experiencia de un paciente "
    "y no es una promesa de ningún resultado."
)

# Consent wording is regulated text: a translation is not published without its own.
CONSENT_ES = (
    "<p>Al enviar este formulario acepta que nuestro equipo de atención al paciente le contacte "
    "por teléfono o correo electrónico sobre su solicitud.</p>"
)


@pytest.fixture
def site():
    """An English site with its Spanish translation."""
    built = a_site()
    built.in_spanish()
    return built


@pytest.fixture
def client(site):
    """A test client whose requests go to the built site."""
    return Client(headers=site.headers)


@pytest.fixture
def lumbar(site):
    return lumbar_foraminotomy(site)


@pytest.fixture
def lumbar_es(lumbar):
    return lumbar_foraminotomy_in_spanish(lumbar)


@pytest.fixture
def review_form(site):
    """The English free review lead form."""
    return a_mri_review_form(site)


@pytest.fixture
def review_form_es(review_form):
    """The free review form's published Spanish translation."""
    return a_translation(
        review_form,
        title="Revisión gratuita de su resonancia o tomografía",
        slug="revision-gratuita-resonancia-tomografia",
        consent_text=CONSENT_ES,
    )


@pytest.fixture
def review_call_es(review_form):
    """The Spanish "free review" call to action; like every translation, it still names the
    English form as its page."""
    review_call = CallToActionFactory(
        kind=CallToAction.Kind.PAGE,
        heading="Free MRI/CT Review",
        button_label="Get my free review",
        link_url="",
        link_page=review_form,
    )
    return a_snippet_in_spanish(
        review_call,
        heading="Revisión gratuita de su resonancia o tomografía",
        button_label="Quiero mi revisión gratuita",
    )


def a_snippet_in_spanish(snippet, **fields):
    """The snippet's Spanish translation with fields changed, saved."""
    translation = snippet.copy_for_translation(spanish())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def find(client, site, version, html_path):
    """The page at html_path, as a partner fetches it: find/ and then its redirect.

    ?site= names the site because v2's find/ redirects to the API's base URL, whose host
    is another site's; the redirect passes the query on.
    """
    return client.get(
        f"/api/{version}/pages/find/", {"html_path": html_path, "site": site.host}, follow=True
    )


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
def test_translation_of_finds_the_spanish_page(client, site, version, lumbar, lumbar_es):
    found = items(
        client.get(f"/api/{version}/pages/", {"translation_of": lumbar.pk, "locale": "es"})
    )
    assert [item["id"] for item in found] == [lumbar_es.pk]
    assert found[0]["meta"]["html_url"] == (
        f"http://{site.host}/es/procedimientos/foraminotomia-lumbar/"
    )


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_each_page_lists_its_translations_with_their_urls(client, site, version, lumbar, lumbar_es):
    english = client.get(f"/api/{version}/pages/{lumbar.pk}/").json()
    assert english["translations"] == {
        "es": {
            "id": lumbar_es.pk,
            "url": f"http://{site.host}/es/procedimientos/foraminotomia-lumbar/",
        }
    }
    spanish = client.get(f"/api/{version}/pages/{lumbar_es.pk}/").json()
    assert spanish["translations"] == {
        "en": {"id": lumbar.pk, "url": f"http://{site.host}/procedures/lumbar-foraminotomy/"}
    }
    assert spanish["page_url"] == f"http://{site.host}/es/procedimientos/foraminotomia-lumbar/"
    assert spanish["title"] == "Foraminotomía lumbar"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_partner_fetches_the_spanish_procedure_by_its_path(client, site, version, lumbar_es):
    response = find(client, site, version, "/es/procedimientos/foraminotomia-lumbar/")
    assert response.status_code == 200
    data = response.json()
    assert (data["id"], data["meta"]["locale"]) == (lumbar_es.pk, "es")
    recovery = next(block for block in data["body"] if block["type"] == "recovery")
    assert recovery["value"]["heading"] == "Recuperación de la foraminotomía lumbar"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_an_unknown_language_path_is_not_found(client, site, version):
    response = find(client, site, version, "/es/no-such-page/")
    assert response.status_code == 404


def test_a_page_url_that_starts_like_a_language_still_finds_english_pages(client, site, lumbar):
    response = find(client, site, "v2", "/procedures/lumbar-foraminotomy/")
    assert response.json()["id"] == lumbar.pk


def test_snippets_filter_by_locale_in_v2(client):
    a_snippet_in_spanish(TestimonialFactory(), disclosure=DISCLOSURE_ES)
    a_snippet_in_spanish(
        CallToActionFactory(heading="Request a Free Info Kit"),
        heading="Solicite un paquete informativo gratuito",
    )
    spanish = items(client.get("/api/v2/testimonials/", {"locale": "es"}))
    assert spanish and all(
        item["disclosure"].startswith("Los resultados individuales varían") for item in spanish
    )
    calls = items(client.get("/api/v2/calls-to-action/", {"locale": "es"}))
    assert "Solicite un paquete informativo gratuito" in {call["heading"] for call in calls}


def spanish_call(client, call_es):
    calls = items(client.get("/api/v2/calls-to-action/", {"locale": "es"}))
    return next(call for call in calls if call["id"] == call_es.pk)


def test_a_spanish_call_to_action_links_the_english_page_while_no_translation_is_live(
    client, review_form, review_form_es, review_call_es
):
    review_form_es.unpublish()
    assert spanish_call(client, review_call_es)["action"]["url"] == review_form.full_url


def test_a_spanish_call_to_action_links_the_spanish_page(client, review_form_es, review_call_es):
    assert spanish_call(client, review_call_es)["action"]["url"] == review_form_es.full_url
