import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, development_encryption_key

# Demo and load-test content with their commands (never in production), and a
# page type that only the tests define (tests/pagetypes: adding a page type
# needs no list of page types).
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "tests.pagetypes"]

DEBUG = False
SECRET_KEY = "foramen-test-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Partner front ends in the tests (examples/partner_site) run on loopback over http.
PARTNER_PREVIEW_LOOPBACK_HTTP = True


def throwaway_folder(prefix):
    """A temporary folder removed when the process that made it exits.

    Every pytest run (and every pass of make test) imports these settings: without
    the cleanup each one would leave its uploads and private files in /tmp.
    """
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


# A server process started by a test (tests/api, tests/e2e) passes its own media
# folder and address; the in-process suite gets a throwaway folder and "testserver".
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or throwaway_folder("foramen-test-media-")
# OBJECT_STORE_URL in a test run's environment names the object store for the tests
# that use it (the object_store fixture, tests/conftest.py), not the storage of the rest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "leads": {"BACKEND": "leads.storage.PrivateFileSystemStorage"},
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or "http://testserver"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY") or development_encryption_key(
    SECRET_KEY
)
LEADS_PRIVATE_ROOT = os.environ.get("LEADS_PRIVATE_ROOT") or throwaway_folder(
    "foramen-test-private-"
)

# A change is sent at once, without a coalescing window: tests/webhooks/test_coalescing.py
# sets one where coalescing is under test.
WEBHOOKS_COALESCE_SECONDS = 0

# Login throttling would refuse client.login() (it passes no request to count):
# tests/accounts turns it on where it is under test.
AXES_ENABLED = False
# tests/accounts turns the second factor on where it is under test.
ACCOUNTS_REQUIRE_TWO_FACTOR = False
