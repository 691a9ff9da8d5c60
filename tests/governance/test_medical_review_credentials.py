"""Physician credentials: who may stand behind a medical review (docs/governance.md,
"Credentialed medical review")."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from people.factories import PhysicianFactory
from people.models import Physician
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db


def test_a_valid_npi_and_an_unexpired_licence_make_a_physician_credentialed():
    physician = PhysicianFactory(licensed=True)

    assert physician.is_credentialed
    assert physician in Physician.objects.credentialed()


def test_a_licence_that_expired_yesterday_does_not():
    physician = PhysicianFactory(
        licensed=True, licence_expiry=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert not physician.is_credentialed
    assert physician not in Physician.objects.credentialed()


def test_a_licence_expiring_today_still_does():
    assert PhysicianFactory(licensed=True, licence_expiry=timezone.localdate()).is_credentialed


def test_no_licence_or_a_bad_npi_does_not():
    assert not PhysicianFactory().is_credentialed
    # Stored past the form's validator, as an import could.
    assert not PhysicianFactory(licensed=True, npi="1234567890").is_credentialed


def test_the_licence_state_is_a_two_letter_code():
    physician = PhysicianFactory.build(licensed=True, licence_state="Texas")

    with pytest.raises(ValidationError) as excinfo:
        physician.full_clean()
    assert "licence_state" in error_fields(excinfo)


def test_an_account_links_to_one_physician_per_language(django_user_model):
    user = django_user_model.objects.create_user("dr.a", password="x")
    PhysicianFactory(user=user)

    with pytest.raises(IntegrityError):
        PhysicianFactory(user=user)


def test_only_those_given_the_permission_may_set_credentials(django_user_model):
    """Linking an account to a licensed physician makes it an approver: not every editor's."""
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="change_physician"))
    credentialer = django_user_model.objects.create_user("credentialer", password="x")
    credentialer.user_permissions.add(
        Permission.objects.get(codename="manage_physician_credentials")
    )
    form_class = Physician.snippet_viewset.get_edit_handler().get_form_class()
    credentials = {"user", "licence_state", "licence_number", "licence_expiry"}

    assert not credentials & set(form_class(for_user=editor).fields)
    assert credentials <= set(form_class(for_user=credentialer).fields)
