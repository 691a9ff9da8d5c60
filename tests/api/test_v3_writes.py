"""An integration creates, fills and publishes pages through API v3 with a token."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import Locale

from core.factories import PhoneCallToActionFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """A site with a condition, two procedures, a phone call to action, and an alias elsewhere."""
    built = a_site()
    built.herniated_disc = ConditionPageFactory(
        parent=built.conditions, title="Herniated Disc", slug="herniated-disc"
    )
    built.call = PhoneCallToActionFactory(phone="+18005550142")
    built.lumbar_foraminotomy = ProcedurePageFactory(
        parent=built.procedures, title="Lumbar Foraminotomy", slug="lumbar-foraminotomy"
    )
    built.microdiscectomy = ProcedurePageFactory(
        parent=built.procedures, title="Microdiscectomy", slug="microdiscectomy"
    )
    built.alias = built.microdiscectomy.create_alias(parent=a_site().procedures)
    return built


def post(client, url, token, payload):
    return client.post(
        url,
        data=json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )


def new_procedure(site, **overrides):
    condition = site.herniated_disc
    call = site.call
    payload = {
        "meta": {
            "type": "procedures.ProcedurePage",
            "parent_id": site.procedures.pk,
            "action": "publish",
        },
        "title": "Endoscopic Discectomy",
        "slug": "endoscopic-discectomy",
        "summary": "Removes herniated disc material through a tiny incision.",
        "introduction": "<p>An endoscopic discectomy removes disc fragments.</p>",
        "procedure_type": "minimally_invasive",
        "body_region": "lumbar",
        "outpatient": True,
        "typical_recovery_time": "2 to 4 weeks",
        "condition_links": [{"condition_id": condition.pk}],
        "body": [
            {
                "type": "benefits",
                "value": {
                    "heading": "Benefits",
                    "items": [{"title": "Tiny incision", "text": "Under a centimetre."}],
                },
            },
            {"type": "call_to_action", "value": {"call_to_action": call.pk, "heading": ""}},
        ],
    }
    payload.update(overrides)
    return payload


def test_a_procedure_is_created_filled_and_published_through_v3_alone(client, site, token_for):
    token = token_for("integrator", superuser=True)
    response = post(client, "/api/v3/pages/", token, new_procedure(site))
    assert response.status_code == 201, response.content

    page = ProcedurePage.objects.get(slug="endoscopic-discectomy", alias_of=None)
    assert page.live
    assert [c.slug for c in page.listed_conditions()] == ["herniated-disc"]

    public = client.get(f"/api/v2/pages/{page.pk}/", headers=site.headers).json()
    kinds = [block["type"] for block in public["body"]]
    assert kinds == ["benefits", "call_to_action"]
    assert public["body"][1]["value"]["phone"]["e164"] == "+18005550142"
    assert client.get(page.relative_url(site.site), headers=site.headers).status_code == 200


def test_a_draft_is_saved_then_published_by_its_action(client, site, token_for):
    token = token_for("integrator", superuser=True)
    payload = new_procedure(site)
    payload["meta"].pop("action")
    response = post(client, "/api/v3/pages/", token, payload)
    assert response.status_code == 201, response.content
    page = ProcedurePage.objects.get(slug="endoscopic-discectomy", alias_of=None)
    assert not page.live
    assert client.get(f"/api/v2/pages/{page.pk}/", headers=site.headers).status_code == 404

    response = post(client, f"/api/v3/pages/{page.pk}/actions/publish/", token, {})
    assert response.status_code == 200, response.content
    assert client.get(f"/api/v2/pages/{page.pk}/", headers=site.headers).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"procedure_type": "experimental"}, "procedure_type"),
        ({"outpatient": "sometimes"}, "outpatient"),
        ({"body": [{"type": "no_such_block", "value": {}}]}, "body"),
    ],
)
def test_bad_field_values_get_a_4xx_naming_the_field(client, site, token_for, change, field):
    token = token_for("integrator", superuser=True)
    response = post(client, "/api/v3/pages/", token, new_procedure(site, **change))
    assert 400 <= response.status_code < 500, response.content
    assert field in response.content.decode()
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"summery": "A typo."}, "summery: not a writable field of procedures.ProcedurePage"),
        # The foreign key is written as hero_image_id; Wagtail would drop "hero_image".
        ({"hero_image": 1}, "hero_image: write it as hero_image_id"),
    ],
)
def test_unknown_write_fields_get_a_400_naming_them(client, site, token_for, change, message):
    token = token_for("integrator", superuser=True)
    response = post(client, "/api/v3/pages/", token, new_procedure(site, **change))
    assert response.status_code == 400
    assert response.json()["detail"] == message
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()

    page = site.lumbar_foraminotomy
    response = client.patch(
        f"/api/v3/pages/{page.pk}/",
        data=json.dumps(change),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_invalid_json_gets_a_4xx(client, site, token_for):
    token = token_for("integrator", superuser=True)
    response = client.post(
        "/api/v3/pages/",
        data="{not json",
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert 400 <= response.status_code < 500


def test_a_token_can_do_only_what_its_user_may(client, site, token_for):
    token = token_for("reader", groups=[])
    response = post(client, "/api/v3/pages/", token, new_procedure(site))
    assert response.status_code == 403
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


def test_an_editor_token_saves_but_cannot_publish(client, site, token_for):
    token = token_for("editor", groups=[Group.objects.get(name="Editors")])
    payload = new_procedure(site)
    payload["meta"].pop("action")
    assert post(client, "/api/v3/pages/", token, payload).status_code == 201
    page = ProcedurePage.objects.get(slug="endoscopic-discectomy", alias_of=None)
    response = post(client, f"/api/v3/pages/{page.pk}/actions/publish/", token, {})
    assert response.status_code == 403
    page.refresh_from_db()
    assert not page.live


@override_settings(WAGTAIL_I18N_ENABLED=True)
def test_copying_for_a_translation_that_exists_is_a_conflict(client, site, token_for):
    Locale.objects.get_or_create(language_code="es")
    token = token_for("translator", superuser=True)
    page = site.microdiscectomy
    url = f"/api/v3/pages/{page.pk}/actions/copy_for_translation/"
    first = post(client, url, token, {"locale": "es", "copy_parents": True})
    assert first.status_code == 201, first.content
    second = post(client, url, token, {"locale": "es", "copy_parents": True})
    assert second.status_code == 409
    assert "already exists" in second.json()["detail"]


@pytest.mark.parametrize(
    ("method", "action"), [("post", "actions/publish/"), ("patch", ""), ("post", "actions/revert/")]
)
def test_an_alias_is_changed_through_its_original(client, site, token_for, method, action):
    token = token_for("integrator", superuser=True)
    alias = site.alias
    payload = {"revision_id": 1} if action == "actions/revert/" else {"summary": "Changed"}
    response = getattr(client, method)(
        f"/api/v3/pages/{alias.pk}/{action}",
        data=json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400, response.content
    assert f"alias of page {alias.alias_of_id}" in response.json()["detail"]
    alias.refresh_from_db()
    assert alias.summary != "Changed"


def test_an_update_that_publishes_answers_with_the_page_as_published(client, site, token_for):
    """The answer of an update with `"action": "publish"` says when the page was first
    published, as a GET of it right after does."""
    token = token_for("integrator", superuser=True)
    payload = new_procedure(site)
    payload["meta"].pop("action")
    created = post(client, "/api/v3/pages/", token, payload).json()
    assert created["meta"]["first_published_at"] is None

    change = {"meta": {"type": "procedures.ProcedurePage", "action": "publish"}, "title": "New"}
    answer = client.patch(
        f"/api/v3/pages/{created['id']}/",
        data=json.dumps(change),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.content
    read = client.get(
        f"/api/v3/pages/{created['id']}/", headers={"authorization": f"Bearer {token}"}
    )
    published_at = answer.json()["meta"]["first_published_at"]
    assert published_at is not None
    assert published_at == read.json()["meta"]["first_published_at"]
