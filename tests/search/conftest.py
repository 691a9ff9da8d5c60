import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from tests.helpers import skip_for_missing_service


def uses_engine():
    return settings.SEARCH_BACKEND != "database"


@pytest.fixture(scope="session")
def search_index(django_db_setup, django_db_blocker):
    """The demo content, searchable on the configured backend.

    The database backend indexed it as it was loaded; an engine's indexes are
    rebuilt once per run (atomically, as in production).
    """
    if not uses_engine():
        return
    backend = get_search_backend()
    if not backend.es.ping():
        skip_for_missing_service(
            f"no search engine answers at {settings.SEARCH_URLS} (SEARCH_BACKEND="
            f"{settings.SEARCH_BACKEND}); start one with scripts/services/search-engine.sh"
        )
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)


@pytest.fixture
def searchable(search_index, db):
    return search_index
