"""An abandoned "add page" form is autosaved as a draft; a second attempt with the same
title then meets the draft's slug. The error names the field and offers the draft, in
the autosave's header message and in the form (issue #20, "Autosave and validation")."""

import html

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from procedures.models import ProcedurePage
from tests.builders import a_site

pytestmark = pytest.mark.django_db

TITLE = "Lumbar Fusion"


@pytest.fixture
def new_procedure_url():
    parent = a_site().procedures
    return reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", parent.pk])


def draft_form_data():
    """What the browser posts for a new procedure with only its title typed."""
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "lumbar-fusion",
            "summary": "",
            "introduction": rich_text(""),
            "procedure_type": "",
            "body_region": "",
            "typical_recovery_time": "",
            "condition_links": inline_formset([]),
            "body": streamfield([]),
            "last_reviewed": "",
            "next_review": "",
            "medical_reviewer": "",
            "comments": inline_formset([]),
        }
    )


def autosave(client, url):
    return client.post(url, draft_form_data(), headers={"accept": "application/json"})


@pytest.fixture
def abandoned_draft(admin_client, new_procedure_url):
    response = autosave(admin_client, new_procedure_url)
    assert response.status_code == 200, response.content
    return ProcedurePage.objects.get(pk=response.json()["pk"])


def test_the_autosave_header_names_the_slug_and_the_draft(
    admin_client, new_procedure_url, abandoned_draft
):
    response = autosave(admin_client, new_procedure_url)

    assert response.status_code == 400
    message = response.json()["error_message"]
    assert "Slug" in message
    assert "lumbar-fusion" in message
    assert f"“{TITLE}”" in message
    assert ProcedurePage.objects.filter(slug="lumbar-fusion").count() == 1


def test_the_form_names_the_slug_and_links_the_draft(
    admin_client, new_procedure_url, abandoned_draft
):
    response = admin_client.post(new_procedure_url, draft_form_data())

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    edit_url = reverse("wagtailadmin_pages:edit", args=[abandoned_draft.pk])
    assert f"is already the address of the draft “{TITLE}”" in text
    assert f'<a href="{edit_url}">Edit that draft</a>' in text
