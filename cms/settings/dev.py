import os

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    INSTALLED_APPS,
    STORAGES,
    development_encryption_key,
    env_bool,
    env_list,
    sqlite_shared_by_processes,
)

# Demo and load-test content with their commands (never in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = True
# A dummy key for local development only; production.py refuses to start
# without a real one.
SECRET_KEY = "django-insecure-foramen-development-only"  # noqa: S105
# ".localhost" also admits the demo's second site, affiliate.localhost.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ".localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Manifest storage needs collectstatic; runserver serves from the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Lead submissions are encrypted in development too, with a key derived from the
# dummy SECRET_KEY unless FIELD_ENCRYPTION_KEY is set.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY") or development_encryption_key(
    SECRET_KEY
)

# The admin that `make run` prints signs in with its password alone; production
# asks superusers and lead managers for a TOTP code as well (README "Admin accounts").
ACCOUNTS_REQUIRE_TWO_FACTOR = env_bool("ACCOUNTS_REQUIRE_TWO_FACTOR", False)

# `make run` runs the scheduler of the periodic jobs beside the server.
sqlite_shared_by_processes(DATABASES["default"])
