import pytest
from django.contrib.auth.models import Group
from wagtail.models import APIToken

from clinics.teams import CLINIC_EDITORS_PREFIX, NETWORK_EDITORS
from locations.models import LocationPage


@pytest.fixture
def dallas(db):
    return LocationPage.objects.get(locale__language_code="en", slug="dallas-tx")


@pytest.fixture
def atlanta(db):
    return LocationPage.objects.get(locale__language_code="en", slug="atlanta-ga")


@pytest.fixture
def make_user(django_user_model):
    def make(username, group_name):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def dallas_editor(make_user):
    return make_user("dallas-editor", f"{CLINIC_EDITORS_PREFIX}Dallas, Texas")


@pytest.fixture
def network_editor(make_user):
    return make_user("network-editor", NETWORK_EDITORS)


@pytest.fixture
def token():
    def make(user):
        return APIToken.create_token(user=user, name=f"{user.username} integration")[1]

    return make
