import os

import pytest
from django.core.management import call_command
from wagtail.models import Site

SERVICE_SKIP_PREFIX = "service unavailable:"


def skip_for_missing_service(reason):
    """Skip locally when a real service is absent; under CI that is a failure."""
    message = f"{SERVICE_SKIP_PREFIX} {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true requires it)")
    pytest.skip(message)


def default_site():
    """The network's own site; the affiliate site has sections of the same types."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo content, loaded once per run."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor-admin", email="editor@example.com", password="correct horse battery"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
