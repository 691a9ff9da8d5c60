"""Regulated text (testimonial disclosures, risk statements) is never published untranslated."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.factories import TestimonialFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, english, spanish, stream
from tests.localization.builders_sites import a_new_procedure, a_procedure_with_risks
from tests.localization.helpers import publish_target, start_translation, translate_segments

pytestmark = pytest.mark.django_db

ANGELA = {
    "Angela T.": "Angela T.",
    "SI Joint Pain": "Dolor de la articulación sacroilíaca",
    "SI Joint Fusion": "Fusión sacroilíaca",
    "For three years I couldn’t sit through a movie. Last month I drove six hours to see my "
    "grandkids.": "Durante tres años no pude ver una película sentada. El mes pasado conduje seis "
    "horas para ver a mis nietos.",
    "The team called me the day after surgery to check on me, and again every week until my "
    "follow-up visit.": "El equipo me llamó al día siguiente de la cirugía y cada semana hasta "
    "mi consulta de control.",
}
ANGELA_DISCLOSURE = (
    "Individual results vary. This testimonial describes one patient's experience and is not a "
    "promise of any outcome. Demo content: this testimonial is sample data for the Foramen CMS."
)


@pytest.fixture
def site():
    """An English site with its Spanish translation, where translated pages go."""
    built = a_site()
    built.in_spanish()
    return built


@pytest.fixture
def angela():
    """An English testimonial worded as the demo's, disclosure included."""
    return TestimonialFactory(
        locale=english(),
        display_name="Angela T.",
        condition_label="SI Joint Pain",
        procedure_label="SI Joint Fusion",
        headline_quote=(
            "For three years I couldn’t sit through a movie. Last month I drove six hours to "
            "see my grandkids."
        ),
        quotes=stream(
            "quote",
            "The team called me the day after surgery to check on me, and again every week "
            "until my follow-up visit.",
        ),
        disclosure=ANGELA_DISCLOSURE,
    )


@pytest.fixture
def procedure_with_risks(site):
    return a_procedure_with_risks(site)


@pytest.fixture
def angela_draft_es(angela):
    """A Spanish draft of a testimonial, everything translated except its disclosure."""
    translation = start_translation(angela, spanish())
    translate_segments(translation, ANGELA)
    translation.save_target(publish=False)
    return translation


def publish_in_translation_editor(client, edit_url):
    return client.post(edit_url, {"action": "publish"})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_editor_refuses_to_publish_an_untranslated_disclosure_and_names_it(
    admin_client, angela_draft_es, django_capture_on_commit_callbacks
):
    draft = angela_draft_es.get_target_instance()
    edit_url = reverse("wagtailsnippets_people_testimonial:edit", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_translation_editor(admin_client, edit_url)

    assert response.status_code == 302
    [message] = messages_of(response)
    assert "Not published" in message and "Disclosure" in message
    assert "Individual results vary" in message
    draft.refresh_from_db()
    assert not draft.live


def test_the_editor_publishes_once_the_disclosure_is_translated(
    admin_client, angela_draft_es, django_capture_on_commit_callbacks
):
    translate_segments(angela_draft_es, {ANGELA_DISCLOSURE: "Los resultados varían."})
    draft = angela_draft_es.get_target_instance()
    edit_url = reverse("wagtailsnippets_people_testimonial:edit", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_translation_editor(admin_client, edit_url)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.disclosure == "Los resultados varían."


def test_publishing_outside_the_editor_is_refused_too(angela_draft_es):
    with pytest.raises(ValidationError, match="Disclosure"):
        angela_draft_es.save_target(publish=True)
    assert not angela_draft_es.get_target_instance().live


def test_a_page_with_an_untranslated_risk_statement_is_not_published(
    admin_client, procedure_with_risks, django_capture_on_commit_callbacks
):
    translation = start_translation(procedure_with_risks, spanish())
    translate_segments(
        translation, {"Spinal Cord Stimulator Trial": "Prueba de neuroestimulador medular"}
    )
    translation.save_target(publish=False)
    draft = translation.get_target_instance()

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_translation_editor(
            admin_client, reverse("wagtailadmin_pages:edit", args=[draft.pk])
        )
    [message] = messages_of(response)
    assert "Body › Risks" in message
    assert "Risks of the trial" in message and "Leads can move" in message
    draft.refresh_from_db()
    assert not draft.live

    with pytest.raises(ValidationError, match="Risks"):
        publish_target(translation)
    draft.refresh_from_db()
    assert not draft.live


def test_a_page_showing_an_untranslated_testimonial_is_not_published(
    admin_client, site, angela, django_capture_on_commit_callbacks
):
    page = ProcedurePageFactory(
        parent=site.procedures,
        title="SI Joint Fusion Outcomes",
        body=[("testimonials", {"heading": "", "testimonials": [angela]})],
    )
    page.save_revision().publish()
    translation = start_translation(page, spanish())
    translate_segments(translation, {"SI Joint Fusion Outcomes": "Resultados de la fusión"})
    translation.save_target(publish=False)

    response = publish_in_translation_editor(
        admin_client,
        reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk]),
    )
    [message] = messages_of(response)
    assert "Testimonial" in message and "Angela T." in message


def test_the_preview_lists_what_is_not_translated_yet(admin_client, procedure_with_risks):
    translation = start_translation(procedure_with_risks, spanish())
    translate_segments(
        translation, {"Spinal Cord Stimulator Trial": "Prueba de neuroestimulador medular"}
    )
    translation.save_target(publish=False)

    response = admin_client.get(
        reverse("wagtail_localize:preview_translation", args=[translation.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview only:" in html
    assert "Regulated, blocks publishing:</strong> Risks of the trial" in html
    assert "Prueba de neuroestimulador medular" in html


def test_visitors_never_see_the_preview_notice(client, site):
    translation = start_translation(a_new_procedure(site), spanish())
    page_es = publish_target(translation)
    html = client.get(page_es.url, headers=site.headers).content.decode()
    assert "Numbs the small nerves" in html  # untranslated, shown in English
    assert "Preview only:" not in html
