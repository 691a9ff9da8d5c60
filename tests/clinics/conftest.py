import pytest
from django.contrib.auth.models import Group
from wagtail.models import APIToken


@pytest.fixture
def make_user(django_user_model):
    def make(username, group_name):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def token():
    def make(user):
        return APIToken.create_token(user=user, name=f"{user.username} integration")[1]

    return make
