"""wagtail-localize's admin actions, "Translate this page" and "Sync translated pages": a
translation starts as a draft, and regulated text refuses publishing with a message, never a
server error."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import TranslationSource

from procedures.models import ProcedurePage
from tests.localization.builders_sites import a_new_procedure, a_procedure_with_risks
from tests.localization.helpers import start_translation, translate_segments
from tests.localization.translation_builders import (
    a_translated_site,
)

pytestmark = pytest.mark.django_db

RISKS = {
    "Spinal Cord Stimulator Trial": "Prueba de neuroestimulador medular",
    "Risks of the trial": "Riesgos de la prueba",
    "Leads can move and infection is possible.": "Los electrodos pueden moverse.",
}


@pytest.fixture
def site():
    return a_translated_site()


@pytest.fixture
def spanish(site):
    """The Spanish locale, which the built site is translated into."""
    return site.spanish.home.locale


@pytest.fixture
def new_procedure(site):
    return a_new_procedure(site.english)


@pytest.fixture
def procedure_with_risks(site):
    return a_procedure_with_risks(site.english)


def messages_of(response):
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def translate_this_page(client, page, locale):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale.pk]})


def sync_translated_pages(client, page, publish):
    source = TranslationSource.objects.get_for_instance(page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    return client.post(url, {"publish_translations": "on"} if publish else {})


def spanish_draft(page, spanish):
    return ProcedurePage.objects.get(translation_key=page.translation_key, locale=spanish)


def test_translate_this_page_makes_a_draft_that_visitors_do_not_see(
    admin_client, client, site, new_procedure, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = translate_this_page(admin_client, new_procedure, spanish)

    assert response.status_code == 302
    page_es = spanish_draft(new_procedure, spanish)
    assert not page_es.live
    visited = client.get(f"/es/procedimientos/{page_es.slug}/", headers=site.headers)
    assert visited.status_code == 404


def test_translating_a_page_with_risks_answers_with_a_message_and_a_draft(
    admin_client, procedure_with_risks, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = translate_this_page(admin_client, procedure_with_risks, spanish)

    assert response.status_code == 302
    assert [level for level, _text in messages_of(response)] == ["success"]
    # The expected outcome: a Spanish draft to translate in the translation editor.
    page_es = spanish_draft(procedure_with_risks, spanish)
    assert not page_es.live
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page_es.pk])


@pytest.fixture
def risks_draft_es(procedure_with_risks, spanish):
    """The page with risks translated into Spanish, its regulated text not yet."""
    translation = start_translation(procedure_with_risks, spanish)
    translate_segments(
        translation, {"Spinal Cord Stimulator Trial": RISKS["Spinal Cord Stimulator Trial"]}
    )
    translation.save_target(publish=False)
    return translation


def test_sync_with_publish_immediately_refuses_untranslated_risks_and_changes_nothing(
    admin_client, procedure_with_risks, risks_draft_es, spanish, django_capture_on_commit_callbacks
):
    procedure_with_risks.summary = "A week-long trial before a permanent stimulator."
    procedure_with_risks.save_revision().publish()
    page_es = risks_draft_es.get_target_instance()
    revision_before = page_es.latest_revision_id
    source_synced_at = risks_draft_es.source.last_updated_at

    with django_capture_on_commit_callbacks(execute=True):
        response = sync_translated_pages(admin_client, procedure_with_risks, publish=True)

    assert response.status_code == 302
    [(level, text)] = messages_of(response)
    assert level == "error"
    assert "Not published" in text and "Body › Risks" in text and "Leads can move" in text
    page_es.refresh_from_db()
    assert not page_es.live
    assert page_es.latest_revision_id == revision_before
    risks_draft_es.source.refresh_from_db()
    assert risks_draft_es.source.last_updated_at == source_synced_at


def test_sync_without_publishing_updates_the_draft(
    admin_client, procedure_with_risks, risks_draft_es, django_capture_on_commit_callbacks
):
    procedure_with_risks.summary = "A week-long trial before a permanent stimulator."
    procedure_with_risks.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        response = sync_translated_pages(admin_client, procedure_with_risks, publish=False)

    assert response.status_code == 302
    assert [level for level, _text in messages_of(response)] == ["success"]
    risks_draft_es.source.refresh_from_db()
    assert "A week-long trial" in str(risks_draft_es.source.content_json)
    assert not risks_draft_es.get_target_instance().live


def test_sync_with_publish_immediately_publishes_once_the_risks_are_translated(
    admin_client,
    client,
    site,
    procedure_with_risks,
    risks_draft_es,
    django_capture_on_commit_callbacks,
):
    translate_segments(risks_draft_es, RISKS)

    with django_capture_on_commit_callbacks(execute=True):
        response = sync_translated_pages(admin_client, procedure_with_risks, publish=True)

    assert response.status_code == 302
    page_es = risks_draft_es.get_target_instance()
    assert page_es.live
    html = client.get(page_es.relative_url(site.site), headers=site.headers).content.decode()
    assert "Los electrodos pueden moverse." in html


@pytest.fixture
def risks_copy_es(procedure_with_risks, spanish):
    """A Spanish draft copied outside wagtail-localize, as API v3's copy_for_translation makes."""
    copy = procedure_with_risks.copy_for_translation(spanish)
    copy.save_revision()
    return copy


def publish_from_the_editor(client, page, risks_text):
    """The page editor's form with the risks as posted, and the Publish action."""
    [risks] = page.body
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "introduction": rich_text(page.introduction),
            "procedure_type": page.procedure_type,
            "body_region": page.body_region,
            "outpatient": "on",
            "typical_recovery_time": "",
            "condition_links": inline_formset([]),
            "body": streamfield(
                [("risks", {"heading": risks_text[0], "text": rich_text(risks_text[1])})]
            ),
            "last_reviewed": "",
            "next_review": "",
            "medical_reviewer": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    data["body-0-id"] = risks.id  # the editor posts the block's own id
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_publishing_untranslated_risks_from_the_page_editor_is_refused_with_a_message(
    admin_client, risks_copy_es, django_capture_on_commit_callbacks
):
    revision_before = risks_copy_es.latest_revision_id
    english = ("Risks of the trial", "<p>Leads can move and infection is possible.</p>")

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_from_the_editor(admin_client, risks_copy_es, english)

    assert response.status_code == 200
    assert "Not published: regulated text must be translated into Español" in response.text
    risks_copy_es.refresh_from_db()
    assert not risks_copy_es.live
    assert risks_copy_es.latest_revision_id == revision_before  # nothing saved


def test_the_page_editor_publishes_translated_risks(
    admin_client, risks_copy_es, django_capture_on_commit_callbacks
):
    spanish = ("Riesgos de la prueba", "<p>Los electrodos pueden moverse.</p>")

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_from_the_editor(admin_client, risks_copy_es, spanish)

    assert response.status_code == 302
    risks_copy_es.refresh_from_db()
    assert risks_copy_es.live


def bulk_publish(client, page):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return client.post(f"{url}?id={page.pk}", {"include_descendants": ""})


def test_bulk_publishing_untranslated_risks_is_refused_with_a_message(
    admin_client, risks_copy_es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = bulk_publish(admin_client, risks_copy_es)

    assert response.status_code == 302
    [(level, text)] = messages_of(response)
    assert level == "error"
    assert "was not published" in text and "regulated text must be translated" in text
    risks_copy_es.refresh_from_db()
    assert not risks_copy_es.live


def test_approving_untranslated_risks_in_a_workflow_is_refused_with_a_message(
    admin_client, admin_user, risks_copy_es
):
    workflow = Workflow.objects.create(name="Spanish review")
    task = GroupApprovalTask.objects.create(name="Approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(risks_copy_es, admin_user)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[risks_copy_es.pk, "approve", state.current_task_state.pk],
    )

    response = admin_client.post(url, {})

    edit_url = reverse("wagtailadmin_pages:edit", args=[risks_copy_es.pk])
    assert response.status_code == 302 and response.url == edit_url
    shown = [text for _level, text in messages_of(admin_client.get(edit_url))]
    assert any("regulated text must be translated" in text for text in shown)
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    risks_copy_es.refresh_from_db()
    assert not risks_copy_es.live
