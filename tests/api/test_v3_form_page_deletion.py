"""API v3 does not delete a page that holds lead submissions: a JSON 403 for callers without
lead access, a 409 for its lead managers (export and delete the submissions first)."""

import pytest

from leads.models import LeadSubmission
from tests.builders import a_site
from tests.leads.helpers import a_mri_review_form, lead_managers

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_with_a_submission():
    form = a_mri_review_form(a_site("Deletion"))
    LeadSubmission.objects.create(page=form, form_data={"full_name": "Pat"})
    return form


def delete(client, token, path):
    return client.delete(path, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("path", ["/api/v3/pages/{pk}/", "/api/v3/pages/{pk}/actions/delete/"])
def test_a_caller_without_lead_access_gets_a_json_403(
    client, token_for, form_with_a_submission, path
):
    token = token_for("root", superuser=True)
    response = delete(client, token, path.format(pk=form_with_a_submission.pk))
    assert response.status_code == 403
    assert response.json()["detail"].startswith("This page holds 1 patient submission")
    assert LeadSubmission.objects.filter(page=form_with_a_submission).exists()


def test_its_lead_manager_gets_a_json_409_until_the_submissions_are_gone(
    client, token_for, form_with_a_submission, django_user_model
):
    token = token_for("manager", superuser=True)
    django_user_model.objects.get(username="manager").groups.add(lead_managers())
    path = f"/api/v3/pages/{form_with_a_submission.pk}/"
    response = delete(client, token, path)
    assert response.status_code == 409
    assert "Export it and delete it" in response.json()["detail"]
    LeadSubmission.objects.filter(page=form_with_a_submission).delete()
    assert delete(client, token, path).status_code == 204
