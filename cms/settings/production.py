"""Production settings: everything that matters comes from the environment.

Start-up fails with a clear message when a required variable is missing,
rather than running with an unsafe default.
"""

import os
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    FIELD_ENCRYPTION_OLD_KEYS,
    FRONTEND_CACHE_PURGE_TOKEN,
    FRONTEND_CACHE_URLS,
    LEADS_PRIVATE_ROOT,
    LEADS_TRUSTED_PROXY_COUNT,
    MEDIA_ROOT,
    SILENCED_SYSTEM_CHECKS,
    STATIC_ROOT,
    database_settings,
    development_encryption_key,
    env_bool,
    env_list,
    redis_caches,
    require_env,
)


def is_weak_secret(secret):
    """Django's own --deploy test (security.W009), made fatal: a short or repetitive key."""
    return secret.startswith("django-insecure") or len(secret) < 50 or len(set(secret)) < 5


def is_inside(path, folder):
    """Whether path is folder or below it, once both are absolute and free of links and '..'."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
if is_weak_secret(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be a real secret of at least 50 characters with at least 5 different "
        "ones, not a development key."
    )

ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
# "*" would answer any Host header, which password reset links and absolute URLs are built from.
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not '*'.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL")
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or WAGTAILADMIN_BASE_URL

DATABASES = {
    "default": database_settings(
        require_env("DATABASE_URL"),
        pooler=os.environ.get("DATABASE_POOLER", ""),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        application_name=os.environ.get("DATABASE_APPLICATION_NAME", ""),
    )
}

# The cache lives in Redis so that every app server shares it; rendered answers
# (frontcache/render_cache.py) may fill memory, so RENDER_CACHE_URL gives them a Redis
# of their own with an LRU eviction policy (README, "Production").
CACHES = redis_caches(
    require_env("REDIS_URL"),
    os.environ.get("RENDER_CACHE_URL"),
    os.environ.get("CACHE_KEY_PREFIX", "foramen"),
)
RENDER_CACHE_ALIAS = "renders"

# Behind a front cache every request reaches the app from the cache's address: without
# the proxies counted, every visitor would share one lead rate-limit counter.
if FRONTEND_CACHE_URLS and LEADS_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        "LEADS_TRUSTED_PROXY_COUNT must be set when FRONTEND_CACHE_URLS is (1 for Varnish "
        "alone), or every visitor shares one lead rate limit."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer probes app servers over plain HTTP: a redirect is no answer (core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows our own pages in a frame of the admin.
X_FRAME_OPTIONS = "SAMEORIGIN"

SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,
    # X_FRAME_OPTIONS is SAMEORIGIN on purpose (see above).
    "security.W019",
    # Joining the browsers' HSTS preload list binds the whole domain for months;
    # its owner opts in with SECURE_HSTS_PRELOAD=true.
    "security.W021",
]

# A front cache that cannot be purged would serve changed and unpublished pages
# for an hour: no start without the token Varnish asks for, as long as the VCL
# requires (deploy/varnish/foramen.vcl refuses a shorter one).
MIN_PURGE_TOKEN_LENGTH = 32
if FRONTEND_CACHE_URLS and len(FRONTEND_CACHE_PURGE_TOKEN) < MIN_PURGE_TOKEN_LENGTH:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE_PURGE_TOKEN must be a secret of at least {MIN_PURGE_TOKEN_LENGTH} "
        "characters, the same as in Varnish's environment, when FRONTEND_CACHE_URLS is set."
    )

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Patients' files must never sit where WhiteNoise, nginx or the media URL serve files from.
for _name, _served in [("STATIC_ROOT", STATIC_ROOT), ("MEDIA_ROOT", MEDIA_ROOT)]:
    if is_inside(LEADS_PRIVATE_ROOT, _served):
        raise ImproperlyConfigured(
            f"LEADS_PRIVATE_ROOT must be outside {_name}, which is served to the public."
        )

# Patients' files are scanned for viruses before they are stored: no start without a scanner.
CLAMAV_URL = require_env("CLAMAV_URL")

# Lead submissions: no start without a real encryption key (and valid old keys).
FIELD_ENCRYPTION_KEY = require_env("FIELD_ENCRYPTION_KEY")
_DEVELOPMENT_FIELD_ENCRYPTION_KEY = development_encryption_key(
    "django-insecure-foramen-development-only"
)
if FIELD_ENCRYPTION_KEY == _DEVELOPMENT_FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must not be the development key.")
for _key in [FIELD_ENCRYPTION_KEY, *FIELD_ENCRYPTION_OLD_KEYS]:
    try:
        Fernet(_key)
    except ValueError as _error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY and FIELD_ENCRYPTION_OLD_KEYS must be Fernet keys (see README, "
            '"Lead forms", for how to make one).'
        ) from _error
