import pytest
from wagtail.models import APIToken


@pytest.fixture
def token_for(django_user_model):
    """A bearer token acting as a new user with the given groups or as a superuser."""

    def make(username, *, superuser=False, groups=()):
        if superuser:
            user = django_user_model.objects.create_superuser(username, f"{username}@example.com")
        else:
            user = django_user_model.objects.create_user(username, f"{username}@example.com")
        for group in groups:
            user.groups.add(group)
        return APIToken.create_token(user=user, name=f"{username} integration")[1]

    return make
