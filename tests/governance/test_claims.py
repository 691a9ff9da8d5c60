"""Substantiated claims (issue #18): a statistic shows a claim from the library, with its
source and period, in HTML and both APIs, never its source document; an expired claim
keeps every page that shows it from being published, whichever way it is published; the
claim's usage lists those pages."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import (
    APIToken,
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Revision,
    Workflow,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.claims import ExpiredClaimsRefused
from core.factories import ClaimFactory
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site
from tests.core.helpers import block_form_data

pytestmark = pytest.mark.django_db

EXPIRED = "Expired claims"


@pytest.fixture
def site():
    return a_site()


def expired_claim(**fields):
    return ClaimFactory(expires_on=timezone.localdate() - datetime.timedelta(days=1), **fields)


def statistic(claim):
    return [{"type": "statistic", "value": {"claim": claim.pk}}]


def a_procedure(site, claim, **fields):
    return ProcedurePageFactory(parent=site.procedures, body=statistic(claim), **fields)


def with_draft_showing(page, claim):
    """The page's latest revision (a saved draft) shows ``claim``."""
    page.body = statistic(claim)
    return page.save_revision()


def is_live(page):
    return ProcedurePage.objects.get(pk=page.pk).live


def evidence(*, private):
    root = Collection.get_first_root_node()
    collection = root.add_child(name=f"Evidence {'private' if private else 'public'}")
    if private:
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    document = get_document_model()(title="Survey results 2025 SECRET-EVIDENCE")
    document.collection = collection
    document.file.save("survey-evidence.txt", ContentFile(b"1140 of 1200"), save=False)
    document.save()
    return document


# --- Publishing refused ----------------------------------------------------------------------


def test_publishing_a_revision_that_shows_an_expired_claim_is_refused(site):
    page = a_procedure(site, ClaimFactory(), live=False)
    revision = with_draft_showing(page, expired_claim(wording="would recommend us"))

    with pytest.raises(ExpiredClaimsRefused) as refused:
        revision.publish()

    assert "would recommend us" in str(refused.value)
    assert not is_live(page)


def test_a_current_claim_publishes(site):
    page = a_procedure(site, ClaimFactory(), live=False)

    with_draft_showing(page, ClaimFactory()).publish()

    assert is_live(page)


def test_api_v3_refuses_with_a_json_422(client, superuser, site):
    page = a_procedure(site, ClaimFactory(), live=False)
    with_draft_showing(page, expired_claim(wording="would recommend us"))
    _token, key = APIToken.create_token(user=superuser, name="integration")

    response = client.post(
        f"/api/v3/pages/{page.pk}/actions/publish/",
        data="{}",
        content_type="application/json",
        headers={"authorization": f"Bearer {key}"},
    )

    assert response.status_code == 422
    assert "json" in response["content-type"]
    body = json.dumps(response.json())
    assert EXPIRED in body and "would recommend us" in body
    assert not is_live(page)


def admin_form(claim, *, publish):
    data = {
        "title": "Endoscopic Discectomy",
        "slug": "endoscopic-discectomy",
        "summary": "Removes herniated disc material through a tiny incision.",
        "introduction": rich_text("<p>An endoscopic discectomy removes disc fragments.</p>"),
        "procedure_type": "minimally_invasive",
        "body_region": "lumbar",
        "outpatient": "on",
        "typical_recovery_time": "",
        "condition_links": inline_formset([]),
        "body": block_form_data(
            ProcedurePage.body.field.stream_block,
            ProcedurePage.body.field.stream_block.to_python(statistic(claim)),
        ),
        "last_reviewed": "",
        "next_review": "",
        "medical_reviewer": "",
        "comments": inline_formset([]),
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def test_the_admin_refuses_to_publish_naming_the_claim_and_saves_a_draft(admin_client, site):
    claim = expired_claim(wording="would recommend us")
    url = reverse(
        "wagtailadmin_pages:add", args=["procedures", "procedurepage", site.procedures.pk]
    )

    refused = admin_client.post(url, admin_form(claim, publish=True))

    assert refused.status_code == 200
    assert EXPIRED in refused.content.decode()
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()
    # A draft may still show it: the owner may renew the claim before the page goes live.
    assert admin_client.post(url, admin_form(claim, publish=False)).status_code == 302
    assert not ProcedurePage.objects.get(slug="endoscopic-discectomy").live


def test_bulk_publish_refuses_with_a_message(admin_client, site):
    page = a_procedure(site, ClaimFactory(), live=False)
    with_draft_showing(page, expired_claim())
    listing = reverse("wagtailadmin_explore", args=[site.procedures.pk])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = admin_client.post(f"{url}?id={page.pk}&next={listing}", {}, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert any(EXPIRED in message and page.title in message for message in shown), shown
    assert not is_live(page)


def test_scheduled_publishing_holds_back_a_page_with_an_expired_claim(site):
    held = a_procedure(site, ClaimFactory(), live=False, title="Held back")
    due = timezone.now() - datetime.timedelta(minutes=1)
    revision = with_draft_showing(held, expired_claim())
    # Scheduled while the claim was current.
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=due)
    on_time = a_procedure(site, ClaimFactory(), live=False, title="On time")
    on_time.save_revision(approved_go_live_at=due)

    call_command("publish_scheduled")

    assert not is_live(held)
    assert held.get_latest_revision().approved_go_live_at is None
    assert is_live(on_time)


# --- What visitors and partners see ---------------------------------------------------------


@pytest.fixture
def shown(site):
    claim = ClaimFactory(
        figure="95%",
        wording="of our patients would recommend their physician",
        source="Patient survey",
        period="January to December 2025",
        source_document=evidence(private=True),
    )
    page = a_procedure(site, claim)
    return page, claim


def on_site(client, page, path):
    return client.get(path, HTTP_HOST=page.get_site().hostname)


def test_the_page_shows_the_figure_with_its_source_and_period(client, shown):
    page, claim = shown

    response = on_site(client, page, page.url)

    text = response.content.decode()
    assert claim.figure in text and claim.wording in text
    assert "Source: Patient survey, January to December 2025" in text
    assert "SECRET-EVIDENCE" not in text and "survey-evidence" not in text


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_api_serves_the_claim_without_its_source_document(client, shown, version):
    page, claim = shown

    response = on_site(client, page, f"/api/{version}/pages/{page.pk}/")

    [block] = [item for item in response.json()["body"] if item["type"] == "statistic"]
    assert block["value"]["claim"] == {
        "id": claim.pk,
        "figure": "95%",
        "wording": "of our patients would recommend their physician",
        "source": "Patient survey",
        "period": "January to December 2025",
        "population": claim.population,
        "numerator": 95,
        "denominator": 100,
        "locale": "en",
    }
    text = response.content.decode()
    assert "SECRET-EVIDENCE" not in text and "survey-evidence" not in text


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_document_apis_do_not_list_the_evidence(client, shown, version):
    _page, claim = shown

    listing = client.get(f"/api/{version}/documents/")
    detail = client.get(f"/api/{version}/documents/{claim.source_document_id}/")

    assert listing.status_code == 200
    assert "SECRET-EVIDENCE" not in listing.content.decode()
    assert detail.status_code == 404


def test_a_claim_refuses_evidence_in_a_public_collection():
    claim = ClaimFactory.build(source_document=evidence(private=False))

    with pytest.raises(ValidationError) as refused:
        claim.full_clean()

    assert "source_document" in refused.value.message_dict


def test_a_claim_needs_both_counts_or_neither():
    with pytest.raises(ValidationError) as refused:
        ClaimFactory.build(numerator=95, denominator=None).full_clean()

    assert "denominator" in refused.value.message_dict


# --- The admin lists the pages that show a claim ---------------------------------------------


def test_the_claims_usage_lists_the_pages_that_show_it(admin_client, site):
    claim = expired_claim()
    # Published while the claim was current.
    a_procedure(site, claim, title="Endoscopic Discectomy")

    response = admin_client.get(reverse("wagtailsnippets_cms_claim:usage", args=[claim.pk]))

    assert response.status_code == 200
    assert "Endoscopic Discectomy" in response.content.decode()


def test_copy_and_publish_refuses_a_live_page_showing_an_expired_claim(admin_client, site):
    # Published while the claim was current.
    page = a_procedure(site, expired_claim(), title="Endoscopic Discectomy")
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    data = {
        "new_title": "A copy",
        "new_slug": "a-copy",
        "new_parent_page": page.get_parent().pk,
        "publish_copies": "on",
    }

    response = admin_client.post(url, data, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert any(EXPIRED in message and page.title in message for message in shown), shown
    assert not ProcedurePage.objects.filter(slug="a-copy").exists()


def test_a_workflow_approval_refuses_and_stays_in_review(admin_client, admin_user, site):
    page = a_procedure(site, ClaimFactory(), live=False)
    with_draft_showing(page, expired_claim())
    workflow = Workflow.objects.create(name="Claims review")
    task = GroupApprovalTask.objects.create(name="Approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(page, admin_user)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )

    response = admin_client.post(url, {}, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert any(EXPIRED in message for message in shown), shown
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    assert not is_live(page)


def test_the_claims_library_lists_and_edits_claims(admin_client):
    claim = ClaimFactory(wording="would recommend us")

    listing = admin_client.get(reverse("wagtailsnippets_cms_claim:list"))
    edit = admin_client.get(reverse("wagtailsnippets_cms_claim:edit", args=[claim.pk]))

    assert listing.status_code == 200 and "would recommend us" in listing.content.decode()
    assert edit.status_code == 200 and "Substantiation" in edit.content.decode()
