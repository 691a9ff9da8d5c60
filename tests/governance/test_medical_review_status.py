"""The medical review's status (current, changed, overdue) and who may set its dates:
shown to visitors, in both APIs and on the dashboard; read-only for editors in the admin
and in API v3 (docs/governance.md, "Credentialed medical review")."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.factories import PhoneCallToActionFactory
from people.factories import PhysicianFactory
from people.review import record_review
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site, published
from tests.core.helpers import procedure_form_data

pytestmark = pytest.mark.django_db

REVIEW_LINE = "Medically reviewed by"


@pytest.fixture
def site():
    return a_site()


@pytest.fixture
def physician():
    return PhysicianFactory(name="Dr. Ada Reyes", licensed=True)


@pytest.fixture
def reviewed(site, physician):
    """A published procedure page whose latest revision a physician approved."""
    page = published(ProcedurePageFactory(parent=site.procedures, title="Facet injection"))
    record_review(page, physician)
    page.refresh_from_db()
    return page


def edited(page, **fields):
    """page with fields changed and saved as a draft, as an editor's "Save draft" does."""
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision()
    page.refresh_from_db()
    return page


def visitor_text(client, site, page):
    response = client.get(page.relative_url(site.site), headers=site.headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def token_headers(user):
    token = APIToken.create_token(user=user, name="review test")[1]
    return {"authorization": f"Bearer {token}"}


class TestStatus:
    def test_an_approved_page_is_current(self, reviewed, physician):
        assert reviewed.medical_review_status == "current"
        assert reviewed.medical_reviewer == physician

    def test_editing_the_reviewed_content_after_approval_makes_it_changed(self, reviewed):
        edited(reviewed, introduction="<p>Now also for neck pain.</p>")
        assert reviewed.medical_review_status == "changed"

    def test_undoing_the_edit_makes_it_current_again(self, reviewed):
        original = reviewed.introduction
        edited(reviewed, introduction="<p>Now also for neck pain.</p>")
        edited(reviewed, introduction=original)
        assert reviewed.medical_review_status == "current"

    def test_editing_what_a_review_does_not_cover_keeps_it_current(self, reviewed):
        edited(reviewed, summary="A shorter card summary.")
        assert reviewed.medical_review_status == "current"

    def test_publishing_an_older_draft_does_not_undo_the_review(self, site, physician):
        page = published(ProcedurePageFactory(parent=site.procedures))
        draft = page.save_revision()
        record_review(page, physician)

        draft.publish()
        page.refresh_from_db()

        assert (page.medical_reviewer, page.last_reviewed) == (physician, timezone.localdate())

    def test_an_approval_reaches_the_pages_aliases(self, site, physician):
        page = published(ProcedurePageFactory(parent=site.procedures))
        alias = page.create_alias(parent=a_site().procedures).specific

        record_review(page, physician)

        alias.refresh_from_db()
        assert (alias.medical_reviewer, alias.medical_review_status) == (physician, "current")

    def test_a_passed_next_review_makes_it_overdue(self, reviewed):
        ProcedurePage.objects.filter(pk=reviewed.pk).update(
            next_review=timezone.localdate() - datetime.timedelta(days=1)
        )
        reviewed.refresh_from_db()
        assert reviewed.medical_review_status == "overdue"

    def test_a_page_never_reviewed_has_none(self, site):
        assert ProcedurePageFactory(parent=site.procedures).medical_review_status is None

    def test_the_interval_is_the_page_types(self, site, physician):
        page = published(ConditionPageFactory(parent=site.conditions))
        record = record_review(page, physician, reviewed_on=datetime.date(2026, 1, 31))
        assert record.next_review == datetime.date(2027, 1, 31)


class TestVisitors:
    def test_the_line_shows_under_the_title_while_current(self, client, site, reviewed):
        html = visitor_text(client, site, reviewed)

        line = html.select_one(".medical-review")
        assert line is not None
        assert "Dr. Ada Reyes" in line.get_text()
        assert line.find("time")["datetime"] == timezone.localdate().isoformat()
        # Near the top: right after the hero, before the page's facts.
        assert line.find_previous_sibling("header", class_="page-hero") is not None

    def test_not_once_the_content_changed(self, client, site, reviewed):
        edited(reviewed, introduction="<p>Now also for neck pain.</p>")
        assert REVIEW_LINE not in visitor_text(client, site, reviewed).get_text()

    def test_not_once_overdue(self, client, site, reviewed):
        ProcedurePage.objects.filter(pk=reviewed.pk).update(
            next_review=timezone.localdate() - datetime.timedelta(days=1)
        )
        # A row update bypasses the content generation the render cache is keyed on.
        published(reviewed)
        assert reviewed.medical_review_status == "overdue"
        assert REVIEW_LINE not in visitor_text(client, site, reviewed).get_text()

    def test_on_a_condition_page_too(self, client, site, physician):
        page = published(ConditionPageFactory(parent=site.conditions))
        record_review(page, physician)
        assert REVIEW_LINE in visitor_text(client, site, page).select_one(".medical-review").text


class TestAPIs:
    @pytest.mark.parametrize("version", ["v2", "v3"])
    def test_both_apis_give_the_status(self, client, site, reviewed, physician, version):
        response = client.get(f"/api/{version}/pages/{reviewed.pk}/", headers=site.headers)

        review = response.json()["medical_review"]
        assert review["status"] == "current"
        assert review["reviewer"]["name"] == physician.name
        assert review["last_reviewed"] == timezone.localdate().isoformat()
        assert review["next_review"] == reviewed.next_review.isoformat()

    @pytest.mark.parametrize("version", ["v2", "v3"])
    def test_and_its_change(self, client, site, reviewed, version):
        edited(reviewed, introduction="<p>Now also for neck pain.</p>")
        reviewed.get_latest_revision().publish()
        response = client.get(f"/api/{version}/pages/{reviewed.pk}/", headers=site.headers)
        assert response.json()["medical_review"]["status"] == "changed"

    @pytest.mark.parametrize(
        "field", ["last_reviewed", "next_review", "medical_reviewer", "medical_reviewer_id"]
    )
    def test_v3_refuses_to_write_a_review_field(self, client, reviewed, superuser, field):
        value = 1 if field.startswith("medical_reviewer") else "2030-01-01"

        response = client.patch(
            f"/api/v3/pages/{reviewed.pk}/",
            data=json.dumps({field: value}),
            content_type="application/json",
            headers=token_headers(superuser),
        )

        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/")
        assert "json" in response["Content-Type"]
        body = response.json()
        assert f"{field}: read-only" in body["detail"]
        assert "Medical review workflow" in body["detail"]
        reviewed.refresh_from_db()
        assert reviewed.next_review != datetime.date(2030, 1, 1)

    def test_v3_refuses_them_when_creating_a_page_too(self, client, site, superuser):
        response = client.post(
            "/api/v3/pages/",
            data=json.dumps(
                {
                    "meta": {"type": "procedures.ProcedurePage", "parent_id": site.procedures.pk},
                    "title": "Self-reviewed",
                    "last_reviewed": "2030-01-01",
                }
            ),
            content_type="application/json",
            headers=token_headers(superuser),
        )
        assert response.status_code == 400
        assert "last_reviewed: read-only" in response.json()["detail"]

    def test_a_v3_edit_of_the_reviewed_content_makes_it_changed_in_the_same_request(
        self, client, reviewed, superuser
    ):
        response = client.patch(
            f"/api/v3/pages/{reviewed.pk}/",
            data=json.dumps({"introduction": "<p>Now also for neck pain.</p>"}),
            content_type="application/json",
            headers=token_headers(superuser),
        )

        assert response.status_code == 200, response.content[:300]
        reviewed.refresh_from_db()
        assert reviewed.medical_review_status == "changed"


class TestAdmin:
    def test_editors_see_the_review_fields_but_cannot_edit_them(self, admin_client, reviewed):
        form_class = ProcedurePage.get_edit_handler().get_form_class()
        assert not {"medical_reviewer", "last_reviewed", "next_review"} & set(
            form_class.base_fields
        )

        html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[reviewed.pk]))
        soup = BeautifulSoup(html.content, "html.parser")
        assert soup.find(attrs={"name": "last_reviewed"}) is None
        assert "Dr. Ada Reyes" in soup.get_text()

    def test_a_posted_review_date_is_ignored(self, admin_client, site):
        condition = ConditionPageFactory(parent=site.conditions)
        data = procedure_form_data(condition, PhoneCallToActionFactory())
        data |= {"last_reviewed": "2030-01-01", "next_review": "2031-01-01"}
        url = reverse(
            "wagtailadmin_pages:add", args=["procedures", "procedurepage", site.procedures.pk]
        )

        assert admin_client.post(url, data).status_code == 302

        page = ProcedurePage.objects.get(slug="endoscopic-discectomy", alias_of=None)
        assert (page.last_reviewed, page.next_review) == (None, None)
        assert page.medical_review_status is None

    def test_saving_in_the_editor_flips_the_status_in_the_same_request(
        self, admin_client, site, physician
    ):
        condition = ConditionPageFactory(parent=site.conditions)
        data = procedure_form_data(condition, PhoneCallToActionFactory())
        url = reverse(
            "wagtailadmin_pages:add", args=["procedures", "procedurepage", site.procedures.pk]
        )
        assert admin_client.post(url, data).status_code == 302
        page = ProcedurePage.objects.get(slug="endoscopic-discectomy", alias_of=None)
        record_review(page, physician)

        # "Save draft" with a new introduction (and the condition link as it stands).
        draft = {key: value for key, value in data.items() if not key.startswith("condition_")}
        draft |= nested_form_data(
            {
                "condition_links": inline_formset([]),
                "introduction": rich_text("<p>Now for every kind of disc.</p>"),
            }
        )
        del draft["action-publish"]
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = admin_client.post(edit_url, draft)

        assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").find_all(
            class_="error-message"
        )
        page.refresh_from_db()
        assert page.medical_review_status == "changed"


class TestDashboard:
    def test_it_lists_overdue_changed_and_due_pages_with_their_status(
        self, admin_client, site, physician
    ):
        today = timezone.localdate()
        overdue, changed, due, current = (
            published(ProcedurePageFactory(parent=site.procedures, title=title))
            for title in ("Overdue page", "Changed page", "Due page", "Current page")
        )
        for page in (overdue, changed, due, current):
            record_review(page, physician)
        ProcedurePage.objects.filter(pk=overdue.pk).update(
            next_review=today - datetime.timedelta(days=2)
        )
        ProcedurePage.objects.filter(pk=due.pk).update(next_review=today + datetime.timedelta(7))
        edited(changed, introduction="<p>Rewritten.</p>")

        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        panel = BeautifulSoup(html, "html.parser").find(id="medical-reviews-due")
        rows = {
            row.select_one("td.title").get_text(strip=True): row.get_text(" ", strip=True)
            for row in panel.select("tbody tr")
        }

        assert "Overdue" in rows["Overdue page"]
        assert "Changed since review" in rows["Changed page"]
        assert "Due soon" in rows["Due page"]
        assert "Current page" not in rows
