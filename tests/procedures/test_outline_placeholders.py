"""The outline's guidance never publishes (issue #20, "Page outlines"): a procedure built
from its outline saves as a draft with the guidance in place, is refused publishing (in
the admin and through API v3) with an error naming each block that still holds guidance,
and publishes once the editor has replaced it."""

import html
import json

import pytest
from django.urls import reverse
from wagtail.models import APIToken
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.blocks.outline import PLACEHOLDER_MARK
from core.factories import PhoneCallToActionFactory
from outlines.models import PageOutlines
from people.factories import TestimonialFactory
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site
from tests.core.helpers import block_form_data

pytestmark = pytest.mark.django_db

#: The first block of the network's procedure outline that holds guidance, as named to editors.
FIRST_GUIDANCE = "Conditions treated › Heading"
BENEFIT_GUIDANCE = "Benefits › Benefit 1 › Benefit title"


@pytest.fixture
def site():
    return a_site()


@pytest.fixture
def new_procedure_url(site):
    return reverse(
        "wagtailadmin_pages:add", args=["procedures", "procedurepage", site.procedures.pk]
    )


def outline_body(site):
    """The procedure body exactly as the add-page form offers it."""
    page = ProcedurePage()
    page.body = PageOutlines.of_site(site.site).outline_for(ProcedurePage)
    return page.body


def form_data(body, *, publish):
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
        "body": block_form_data(ProcedurePage.body.field.stream_block, body),
        "last_reviewed": "",
        "next_review": "",
        "medical_reviewer": "",
        "comments": inline_formset([]),
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def replaced(data, testimonial, call_to_action):
    """The editor's work: every guidance text replaced, the testimonial and the call to
    action chosen."""
    done = {}
    for key, value in data.items():
        if isinstance(value, str) and PLACEHOLDER_MARK in value:
            value = value.replace(PLACEHOLDER_MARK, "Our own words:")
        elif key.endswith("-testimonials-0-value"):
            value = str(testimonial.pk)
        elif key.endswith("-value-call_to_action"):
            value = str(call_to_action.pk)
        done[key] = value
    return done


def chosen(body, testimonial, call_to_action):
    """The outline as raw data with its choosers chosen, so that only its guidance is left."""
    data = body.get_prep_value()
    for block in data:
        if block["type"] == "testimonials":
            block["value"]["testimonials"] = [testimonial.pk]
        elif block["type"] == "call_to_action":
            block["value"]["call_to_action"] = call_to_action.pk
    return data


def test_publishing_untouched_guidance_is_refused_naming_the_block(
    admin_client, site, new_procedure_url
):
    response = admin_client.post(new_procedure_url, form_data(outline_body(site), publish=True))

    assert response.status_code == 200
    # The errors travel in the form's JSON, where "›" is written \u203a.
    text = html.unescape(response.content.decode()).replace("\\u203a", "›")
    assert FIRST_GUIDANCE in text
    assert BENEFIT_GUIDANCE in text
    assert "replace it before publishing" in text
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


def test_a_draft_keeps_the_guidance(admin_client, site, new_procedure_url):
    response = admin_client.post(new_procedure_url, form_data(outline_body(site), publish=False))

    assert response.status_code == 302
    page = ProcedurePage.objects.get(slug="endoscopic-discectomy")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert PLACEHOLDER_MARK in json.dumps(draft.body.get_prep_value())


def test_the_page_publishes_once_the_guidance_is_replaced(admin_client, site, new_procedure_url):
    data = replaced(
        form_data(outline_body(site), publish=True),
        TestimonialFactory(),
        PhoneCallToActionFactory(),
    )

    response = admin_client.post(new_procedure_url, data)

    assert response.status_code == 302
    page = ProcedurePage.objects.get(slug="endoscopic-discectomy")
    assert page.live
    assert PLACEHOLDER_MARK not in json.dumps(page.body.get_prep_value())


def test_api_v3_refuses_to_publish_a_draft_with_guidance(client, superuser, site):
    page = ProcedurePageFactory(parent=site.procedures, live=False)
    page.body = PageOutlines.of_site(site.site).outline_for(ProcedurePage)
    page.save_revision()
    _token, key = APIToken.create_token(user=superuser, name="integration")

    response = client.post(
        f"/api/v3/pages/{page.pk}/actions/publish/",
        data="{}",
        content_type="application/json",
        headers={"authorization": f"Bearer {key}"},
    )

    assert response.status_code == 422
    assert "json" in response["content-type"]
    assert FIRST_GUIDANCE in response.content.decode()
    assert not ProcedurePage.objects.get(pk=page.pk).live


@pytest.mark.parametrize(("action", "status"), [("publish", 422), ("draft", 201)])
def test_api_v3_creates_with_guidance_only_as_a_draft(client, superuser, site, action, status):
    _token, key = APIToken.create_token(user=superuser, name="integration")
    meta = {"type": "procedures.ProcedurePage", "parent_id": site.procedures.pk}
    if action == "publish":
        meta["action"] = "publish"
    payload = {
        "meta": meta,
        "title": "Endoscopic Discectomy",
        "slug": "endoscopic-discectomy",
        "summary": "Removes herniated disc material through a tiny incision.",
        "introduction": "<p>An endoscopic discectomy removes disc fragments.</p>",
        "procedure_type": "minimally_invasive",
        "body_region": "lumbar",
        "body": chosen(outline_body(site), TestimonialFactory(), PhoneCallToActionFactory()),
    }

    response = client.post(
        "/api/v3/pages/",
        data=json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Bearer {key}"},
    )

    assert response.status_code == status, response.content
    assert "json" in response["content-type"]
    if action == "publish":
        # Wagtail's v3 names the field of a StreamField error, not its blocks.
        assert [error["loc"] for error in response.json()["errors"]] == [["body"]]
        assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()
