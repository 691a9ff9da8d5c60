"""A superuser finds "Lead submissions" in the menu and can give themselves lead access: from
the submissions page, or by adding themselves to the lead managers' group on their user page,
which saves although they have no first or last name."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from leads.models import SubmissionAccessLog
from leads.permissions import LEAD_MANAGERS_GROUP, is_lead_manager
from tests.leads.helpers import lead_managers

pytestmark = pytest.mark.django_db
Action = SubmissionAccessLog.Action


@pytest.fixture
def root(django_user_model):
    # As createsuperuser makes them: no first or last name.
    return django_user_model.objects.create_superuser(
        username="root", email="root@example.com", password="correct horse battery"
    )


@pytest.fixture
def root_client(site_client, root):
    site_client.force_login(root)
    return site_client


def test_a_superuser_adds_themselves_to_the_lead_managers_on_their_user_page(
    root_client, root, mri_form
):
    group = lead_managers()
    response = root_client.post(
        reverse("wagtailusers_users:edit", args=[root.pk]),
        {
            "username": "root",
            "email": "root@example.com",
            "first_name": "",
            "last_name": "",
            "password1": "",
            "password2": "",
            "groups": [group.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    root.refresh_from_db()
    assert list(root.groups.all()) == [group]
    assert is_lead_manager(root)


def test_the_menu_offers_lead_submissions_to_a_superuser(root_client, mri_form):
    html = root_client.get("/admin/").content.decode()
    assert reverse("leads:index") in html


def test_a_superuser_without_access_is_offered_it_on_the_submissions_page(
    root_client, root, mri_form
):
    lead_managers()
    response = root_client.get(reverse("leads:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("leads:grant_self") in html
    assert mri_form.title not in html, "no forms before access is granted"

    response = root_client.post(reverse("leads:grant_self"))
    assert response.status_code == 302
    assert root.groups.filter(name=LEAD_MANAGERS_GROUP).exists()
    assert mri_form.title in root_client.get(reverse("leads:index")).content.decode()
    grant = SubmissionAccessLog.objects.filter(action=Action.GRANT).latest("pk")
    assert grant.user == root and "root" in grant.detail


def test_only_superusers_may_grant_themselves_access(site_client, django_user_model, mri_form):
    lead_managers()
    editor = django_user_model.objects.create_user(username="editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    site_client.force_login(editor)
    response = site_client.post(reverse("leads:grant_self"))
    assert response.status_code in (302, 403)
    assert not is_lead_manager(editor)
