"""A clinic editor adds a testimonial and presses Publish without its authorization: the
admin says what was kept (issue #20). Autosave may already have saved the draft, when
Publish reaches the "add" form before it switched to that draft's edit view."""

import pytest
from django.urls import reverse

from people.models import Testimonial
from tests.builders import a_site
from tests.clinics.helpers import clinics_with_teams

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_people_testimonial:add")
NAME = "Rosa T."  # the demo content has testimonials of its own


def rosas():
    return Testimonial.objects.filter(display_name=NAME)


@pytest.fixture
def editor_client(client, make_user):
    [clinic] = clinics_with_teams(a_site(), "Tyler, Texas")
    client.force_login(make_user("clinic-editor", clinic.clinic_team.editors.name))
    client.form = {
        "display_name": NAME,
        "condition": "",
        "condition_label": "Sciatica",
        "procedure": "",
        "procedure_label": "Discectomy",
        "location": clinic.pk,
        "headline_quote": "Back at work in two weeks.",
        "quotes-count": "0",
        "disclosure": "Individual results vary.",
    }
    return client


def autosave(client):
    """What the "add" form's autosave sends: the form, answered in JSON."""
    response = client.post(ADD, client.form, headers={"accept": "application/json"})
    assert response.json()["success"] is True


def publish(client):
    return client.post(ADD, {**client.form, "action-publish": "action-publish"}, follow=True)


def test_a_refused_publish_after_autosave_says_the_draft_was_saved(editor_client):
    autosave(editor_client)
    [draft] = rosas()

    response = publish(editor_client)

    page = response.content.decode()
    assert "could not be created" not in page
    assert "Saved as the draft" in page and "not published" in page
    assert "without an active authorization" in page
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailsnippets_people_testimonial:edit", args=[draft.pk]
    )
    assert list(rosas()) == [draft]
    draft.refresh_from_db()
    assert not draft.live


def test_a_refused_publish_without_a_draft_keeps_nothing_and_says_so(editor_client):
    response = publish(editor_client)

    assert "could not be created" in response.content.decode()
    assert not rosas().exists()
