"""The "Medical review" workflow task: only a credentialed physician approves, with an
attestation, and each approval leaves an immutable record (docs/governance.md,
"Credentialed medical review")."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState
from wagtail.workflows import get_task_types

from people.models import MedicalReviewRecord, MedicalReviewTask
from people.review import ATTESTATION, add_months
from tests.builders import a_site
from tests.governance.helpers import a_physician_account, a_procedure_in_review

pytestmark = pytest.mark.django_db

XHR = {"x-requested-with": "XMLHttpRequest"}


@pytest.fixture
def site():
    return a_site()


@pytest.fixture
def page(site, superuser):
    return a_procedure_in_review(site, superuser)


def approve(client, page, data, **headers):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.id, "approve", task_state.id))
    return client.post(url, data, headers=headers)


def test_the_task_type_is_offered_beside_wagtails_own():
    assert MedicalReviewTask in get_task_types()


def test_a_credentialed_physician_approves_with_an_attestation(client, page, django_user_model):
    user, physician = a_physician_account(django_user_model, "dr.lee")
    client.force_login(user)
    approved_revision = page.get_latest_revision()

    approve(client, page, {"attestation": "on", "comment": "Accurate."})

    record = MedicalReviewRecord.objects.get(page=page)
    assert (record.physician, record.user, record.revision) == (physician, user, approved_revision)
    assert record.attestation == str(ATTESTATION)
    assert record.physician_npi == physician.npi
    page.refresh_from_db()
    today = timezone.localdate()
    assert page.medical_reviewer == physician
    assert page.last_reviewed == today
    assert page.next_review == add_months(today, 12) == record.next_review
    assert page.medical_review_status == "current"
    assert TaskState.objects.get(revision=approved_revision).status == TaskState.STATUS_APPROVED
    # The workflow's last task published the page; the review survived the publication.
    assert page.live_revision_id == approved_revision.id


def test_approval_without_the_attestation_is_refused(client, page, django_user_model):
    user, _physician = a_physician_account(django_user_model, "dr.lee")
    client.force_login(user)

    response = approve(client, page, {"comment": "Fine"}, **XHR)

    assert "needs your attestation" in response.json()["html"]
    assert not MedicalReviewRecord.objects.filter(page=page).exists()
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_the_task_refuses_an_approval_without_attestation_from_any_caller(page, django_user_model):
    """The page editor's own "approve" hands the modal's data straight to the task."""
    user, _physician = a_physician_account(django_user_model, "dr.lee")
    task_state = page.current_workflow_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, user, "approve", comment="")
    assert not MedicalReviewRecord.objects.filter(page=page).exists()


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param(None, id="an account with no physician"),
        pytest.param({"licensed": False}, id="a physician without a licence"),
        pytest.param(
            {"licence_expiry": datetime.date(2020, 1, 1)}, id="a physician whose licence expired"
        ),
        pytest.param({"npi": "1234567890"}, id="a physician with an invalid NPI"),
    ],
)
def test_only_a_credentialed_physician_may_approve(
    client, page, django_user_model, superuser, credentials
):
    if credentials is None:
        user = superuser
    else:
        user, _physician = a_physician_account(django_user_model, "dr.nope", **credentials)
    client.force_login(user)

    response = approve(client, page, {"attestation": "on"})

    # Wagtail's admin answers a refused permission with its dashboard and a message.
    assert response.url == reverse("wagtailadmin_home")
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    task = page.current_workflow_task_state.task.specific
    assert task.get_actions(page, user) == []
    assert not MedicalReviewRecord.objects.filter(page=page).exists()
    page.refresh_from_db()
    assert page.last_reviewed is None


def test_the_approval_form_shows_the_attestation(client, page, django_user_model):
    user, _physician = a_physician_account(django_user_model, "dr.lee")
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.id, "approve", task_state.id))

    html = client.get(url, headers=XHR).json()["html"]

    assert 'name="attestation"' in html
    assert "reviewed this content for clinical accuracy" in html


def test_a_physician_sees_the_pages_awaiting_their_review(page, django_user_model):
    user, _physician = a_physician_account(django_user_model, "dr.lee")
    unlinked = django_user_model.objects.create_user("editor", password="x")

    assert TaskState.objects.reviewable_by(user).filter(pk=page.current_workflow_task_state.pk)
    assert not TaskState.objects.reviewable_by(unlinked).exists()


class TestTheRecordIsImmutable:
    @pytest.fixture
    def record(self, client, page, django_user_model):
        user, _physician = a_physician_account(django_user_model, "dr.lee")
        client.force_login(user)
        approve(client, page, {"attestation": "on"})
        return MedicalReviewRecord.objects.get(page=page)

    def test_it_cannot_be_saved_again(self, record):
        record.attestation = "Something else"
        with pytest.raises(PermissionDenied):
            record.save()
        assert MedicalReviewRecord.objects.get(pk=record.pk).attestation == str(ATTESTATION)

    def test_it_cannot_be_updated_or_deleted_in_bulk(self, record):
        with pytest.raises(PermissionDenied):
            MedicalReviewRecord.objects.filter(pk=record.pk).update(attestation="Something else")
        with pytest.raises(PermissionDenied):
            MedicalReviewRecord.objects.filter(pk=record.pk).delete()
        with pytest.raises(PermissionDenied):
            record.delete()
        assert MedicalReviewRecord.objects.filter(pk=record.pk).count() == 1

    def test_it_outlives_its_page_and_physician(self, record, page):
        physician = record.physician
        page.delete()
        physician.delete()

        kept = MedicalReviewRecord.objects.get(pk=record.pk)
        assert (kept.page, kept.physician) == (None, None)
        assert (kept.page_title, kept.physician_npi) == (page.title, physician.npi)

    def test_the_admin_has_no_form_for_it(self, admin_client, record):
        from wagtail.snippets.models import get_snippet_models

        assert MedicalReviewRecord not in get_snippet_models()
