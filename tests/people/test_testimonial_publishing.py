"""A testimonial in another language is published from its editor only with its disclosure
translated: otherwise the editor reads why, and nothing is saved."""

import pytest
from django.urls import reverse

from people.factories import TestimonialFactory
from tests.builders import english, spanish

pytestmark = pytest.mark.django_db


@pytest.fixture
def maria_copy_es():
    """A Spanish draft copied outside wagtail-localize, its disclosure still in English."""
    maria = TestimonialFactory(display_name="Maria M.", locale=english())
    copy = maria.copy_for_translation(spanish())
    copy.live = False
    copy.save()
    copy.save_revision()
    return copy


def publish_from_the_editor(client, testimonial, disclosure):
    return client.post(
        reverse("wagtailsnippets_people_testimonial:edit", args=[testimonial.pk]),
        {
            "display_name": testimonial.display_name,
            "condition": "",
            "condition_label": testimonial.condition_label,
            "procedure": "",
            "procedure_label": testimonial.procedure_label,
            "location": "",
            "headline_quote": "Volví al trabajo en dos semanas.",
            "quotes-count": "0",
            "disclosure": disclosure,
            "action-publish": "action-publish",
        },
    )


def test_an_untranslated_disclosure_is_refused_with_a_message(admin_client, maria_copy_es):
    revisions_before = maria_copy_es.revisions.count()

    response = publish_from_the_editor(admin_client, maria_copy_es, maria_copy_es.disclosure)

    assert response.status_code == 200
    assert "Not published: regulated text must be translated into Español" in response.text
    maria_copy_es.refresh_from_db()
    assert not maria_copy_es.live
    assert maria_copy_es.revisions.count() == revisions_before


def test_a_translated_disclosure_is_published(admin_client, maria_copy_es):
    response = publish_from_the_editor(admin_client, maria_copy_es, "Los resultados varían.")

    assert response.status_code == 302
    maria_copy_es.refresh_from_db()
    assert maria_copy_es.live and maria_copy_es.disclosure == "Los resultados varían."
