"""Builders for the medical review tests: a page in the "Medical review" workflow, and
physicians' accounts with or without credentials."""

from wagtail.models import Workflow, WorkflowTask

from people.factories import PhysicianFactory
from people.models import MedicalReviewTask
from procedures.factories import ProcedurePageFactory


def a_medical_review_workflow():
    workflow = Workflow.objects.create(name="Medical review")
    task = MedicalReviewTask.objects.create(name="Medical review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def a_physician_account(django_user_model, username, **physician_fields):
    """An admin account linked to a physician (licensed unless told otherwise)."""
    user = django_user_model.objects.create_superuser(username, f"{username}@example.com", "x")
    physician = PhysicianFactory(user=user, **({"licensed": True} | physician_fields))
    return user, physician


def a_procedure_in_review(site, submitter, **fields):
    """A published procedure page of site, then submitted to the medical review workflow."""
    page = ProcedurePageFactory(parent=site.procedures, **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    a_medical_review_workflow().start(page, submitter)
    return page.specific
