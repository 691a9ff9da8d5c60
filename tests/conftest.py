import json
import uuid

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from wagtail.models import Site

from cms.settings.base import redis_caches
from frontcache.content_changes import note_content_changed
from leads.audit import restoring_rows
from tests.frontcache.stack import running_stack
from tests.helpers import running_object_store_url
from tests.object_store import ObjectStore
from tests.resilience.redis_server import own_redis


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language.

    A request to a Spanish page leaves Spanish active on the thread (Django's
    LocaleMiddleware activates the request's language and nothing resets it), so a
    later test's messages would come out in Spanish, or not, by the order tests run in.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_content_version():
    """Each test starts with a content version of its own.

    A test's rows are rolled back without any signal, so answers rendered in one
    test (and kept by frontcache/render_cache.py) must not be served in the next.
    """
    note_content_changed()


@pytest.fixture(autouse=True)
def fresh_renditions():
    """Each test finds the renditions of its own images.

    Wagtail keeps renditions in the cache by image id, and ids come back after a
    test's rollback: an earlier test's rendition would name another image's file.
    """
    caches["renditions" if "renditions" in settings.CACHES else "default"].clear()


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Each test reads the sites of its own database.

    Wagtail keeps the sites' root paths in the cache, and a test's sites are
    rolled back without the signal that clears it.
    """
    Site.clear_site_root_paths_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The demo content, loaded once per run when a collected test is marked demo_content.

    Unit tests build their own data with factories and pass with or without the
    demo in the database; the suites marked ``demo_content`` (the demo smoke
    suite, the snapshots, the content-scope matrix) exercise the demo itself.
    """
    if any(item.get_closest_marker("demo_content") for item in request.session.items):
        with django_db_blocker.unblock():
            call_command("load_demo_content", verbosity=0)


@pytest.fixture(scope="session")
def production_stack(tmp_path_factory):
    """The production stack with the SSL redirect on, as production runs it.

    Started once per run (a start takes a minute or more) for the HTTPS tests of
    tests/frontcache and the replay of tests/security, which runs after them.
    """
    with running_stack(tmp_path_factory.mktemp("stack"), SECURE_SSL_REDIRECT="true") as stack:
        yield stack


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own on loopback, which the test may stop and start again."""
    with own_redis(tmp_path) as server:
        yield server


@pytest.fixture
def production_caches(settings, redis_server):
    """Production's caches, both on the test's own Redis (``redis_server``)."""
    settings.CACHES = redis_caches(redis_server.url, None, f"test-{uuid.uuid4().hex}")
    settings.RENDER_CACHE_ALIAS = "renders"
    return settings.CACHES


@pytest.fixture(scope="session")
def object_store_buckets():
    """Two buckets of the real object store for the run, removed at its end."""
    store = ObjectStore(running_object_store_url())
    yield store
    store.remove_buckets()


@pytest.fixture
def object_store(settings, object_store_buckets):
    """Media and lead files in the object store's buckets, under a key prefix of the test's own."""
    store = object_store_buckets.for_a_test()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": store.storage("core.storage.MediaObjectStorage", store.media_bucket),
        "leads": store.storage("leads.storage.PrivateObjectStorage", store.leads_bucket),
    }
    return store


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


@pytest.fixture(scope="module")
def content_restored_afterwards(django_db_setup, django_db_blocker):
    """A transactional test ends by emptying every table: put back what was there.

    The demo content is loaded once per run (django_db_setup above), and the tests
    that run after a data-migration test (whatever the order) expect it. Module
    scope: the restore runs after pytest-django's flush.
    """
    with django_db_blocker.unblock():
        saved = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        # No post_migrate: its content types and permissions would clash with the saved ones.
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        # Content types first: Wagtail's models look theirs up (and would create
        # them under new ids) while they are built from the saved rows.
        rows = json.loads(saved)
        rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
        with restoring_rows():
            connection.creation.deserialize_db_from_string(json.dumps(rows))
        ContentType.objects.clear_cache()
