"""Settings shared by every environment.

Values that differ between machines come from environment variables; the
defaults here are safe (no debug, no secret) and ``dev.py`` relaxes them.
"""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .search import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "procedures",
    "locations",
    "outlines",  # per-site outlines that new procedure, condition and location pages start from
    "clinics",  # multi-clinic: local procedure pages, clinic teams, location finder
    "search",
    "leads",
    "partners",  # partner sites: scoped API keys, rate limits, usage
    "accounts",
    "localization",
    "people",
    "core",
    "webhooks",  # signed webhooks telling partner endpoints what changed
    "changes",  # the outbox of content changes and the sync feed
    "scheduling",  # periodic jobs: one scheduler across the cluster, Reports → Periodic jobs
    # Before Wagtail's apps: some of their ready() build the v3 page schemas,
    # which must see the field schemas the api app registers.
    "api",
    # Languages (README "Languages"): wagtail_localize.locales replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "ninja",
    "rest_framework",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "core.wagtail_users.UsersConfig",  # wagtail.users; names optional on user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.contrib.search_promotions",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    # Last: it connects its signal handlers to what the apps above registered.
    "frontcache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the render cache, so that kept answers get the headers too.
    "core.security_headers.SitePolicyCSPMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    # Outside everything that writes the body; compresses public answers only.
    "core.compression.SharedAnswerGZipMiddleware",
    # ETags for pages too, so that browsers and Varnish revalidate with a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "api.http.APIResponseMiddleware",
    # The website's bulk-loading scope; the API middleware opens the API's own.
    "serialization.middleware.PageScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "localization.middleware.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside CSRF and messages, so that it sees the cookies they set.
    "frontcache.render_cache.RenderCacheMiddleware",
    # Inside the render cache, so that kept answers keep the site that site-wide bans match.
    "frontcache.purge.SiteHeaderMiddleware",
    "leads.middleware.PrivateUploadMiddleware",  # before CSRF, which reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives lead access log entries written by signal receivers their request.
    "leads.audit.AccessLogRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.idle_timeout.IdleTimeoutMiddleware",
    "accounts.two_factor.RequireTwoFactorMiddleware",
    "accounts.throttling.PasswordResetThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside messages: an admin publish refused for outline placeholders becomes a message.
    "core.publish_refusals.PublishRefusalMiddleware",
    # An upload or media read that the object store failed: a 503 saying nothing was saved.
    "cms.views.FileStoreOutageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with a 429.
    "axes.middleware.AxesMiddleware",
]

# Logins count failures per client address (django-axes; accounts app). AxesBackend
# and not AxesStandaloneBackend: a session can record the first backend (Wagtail's
# page test case logs in with it), and only AxesBackend, a ModelBackend, loads users.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cms.urls"
# A lead form that fails the CSRF check comes back with the visitor's answers.
CSRF_FAILURE_VIEW = "leads.csrf.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

#: DATABASE_POOLER's values: "" (DATABASE_URL is PostgreSQL itself) or "pgbouncer".
DATABASE_POOLERS = ("", "pgbouncer")


def database_settings(url, *, pooler="", conn_max_age=60, application_name=""):
    """The default database from its URL, ready for the pooler between it and the app.

    With ``pooler="pgbouncer"`` DATABASE_URL goes through PgBouncer in transaction
    pooling mode (scripts/stack.sh, docs/operations.md): each transaction of one Django
    connection may run on another server connection, so nothing may outlive a
    transaction on the server. Django's psycopg 3 backend already sends no prepared
    statements (``prepare_threshold`` None, client-side binding); what is left are
    server-side cursors: ``QuerySet.iterator()`` outside a transaction declares one
    ``WITH HOLD`` and fetches from it across transactions, which another server
    connection would not know. With them off, it reads the rows in chunks of one query.

    Persistent connections (``conn_max_age``) stay on behind PgBouncer: they hold a
    client slot of the pooler, not a server connection, and spare each request the
    pooler's password exchange. ``application_name`` names the process's connections in
    pg_stat_activity and in PgBouncer's SHOW CLIENTS.
    """
    if pooler not in DATABASE_POOLERS:
        raise ImproperlyConfigured(
            f"DATABASE_POOLER must be one of {', '.join(map(repr, DATABASE_POOLERS))}."
        )
    database = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    is_postgresql = database["ENGINE"] == "django.db.backends.postgresql"
    if pooler and not is_postgresql:
        raise ImproperlyConfigured(f"DATABASE_POOLER={pooler} needs a PostgreSQL DATABASE_URL.")
    if pooler == "pgbouncer":
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
    if application_name and is_postgresql:
        database.setdefault("OPTIONS", {})["application_name"] = application_name
    return database


DATABASES = {
    "default": database_settings(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        pooler=os.environ.get("DATABASE_POOLER", ""),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        application_name=os.environ.get("DATABASE_APPLICATION_NAME", ""),
    )
}
# PostgreSQL itself when DATABASE_URL goes through a transaction pooler: pg_dump and
# pg_restore (core/backup.py) need a session of their own (see docs/operations.md).
DATABASE_DIRECT_URL = os.environ.get("DATABASE_DIRECT_URL", "")


def sqlite_shared_by_processes(database):
    """A SQLite file that several processes write (the server, the scheduler of the periodic
    jobs, the stack's task worker): a transaction takes the write lock when it begins and
    waits up to 20 s for it. A transaction that first reads and then writes would otherwise
    fail at once with "database is locked" whenever another process is writing."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
    return database


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the first is the default and is served without a URL prefix; the
# others live under /<code>/. Adding a language here (and its Wagtail locale in
# Settings → Locales) needs no code change.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# "Translate this page" makes a draft: a translation goes live only when an editor
# publishes it, not as an untranslated copy of a live source (wagtail-localize's default).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = os.environ.get("STATIC_URL", "/static/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

# Media always go through the storage API so that an object store can replace
# the file system without code changes. "leads" holds the lead forms' uploaded
# files, encrypted before they reach it: by default LEADS_PRIVATE_ROOT, never served.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "leads": {"BACKEND": "leads.storage.PrivateFileSystemStorage"},
}

# With OBJECT_STORE_URL (an S3-compatible endpoint; scripts/services/object-store.sh
# runs SeaweedFS on loopback), media and lead files live in two buckets instead, so
# that any app server reads what another wrote. Neither bucket is public: media are
# served at MEDIA_URL through the app (core.storage.serve_media) and the front cache.
OBJECT_STORE_URL = os.environ.get("OBJECT_STORE_URL", "")
OBJECT_STORE_ACCESS_KEY = os.environ.get("OBJECT_STORE_ACCESS_KEY", "foramen-dev")
OBJECT_STORE_SECRET_KEY = os.environ.get("OBJECT_STORE_SECRET_KEY", "foramen-dev-object-store")
OBJECT_STORE_MEDIA_BUCKET = os.environ.get("OBJECT_STORE_MEDIA_BUCKET", "foramen-media")
OBJECT_STORE_LEADS_BUCKET = os.environ.get("OBJECT_STORE_LEADS_BUCKET", "foramen-leads")


def object_store(backend, bucket, url, access_key, secret_key):
    """A STORAGES entry for one bucket of the S3-compatible object store at url."""
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "endpoint_url": url,
            "access_key": access_key,
            "secret_key": secret_key,
            "bucket_name": bucket,
            "region_name": "us-east-1",
            "addressing_style": "path",
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }


if OBJECT_STORE_URL:
    _credentials = (OBJECT_STORE_URL, OBJECT_STORE_ACCESS_KEY, OBJECT_STORE_SECRET_KEY)
    STORAGES["default"] = object_store(
        "core.storage.MediaObjectStorage", OBJECT_STORE_MEDIA_BUCKET, *_credentials
    )
    STORAGES["leads"] = object_store(
        "leads.storage.PrivateObjectStorage", OBJECT_STORE_LEADS_BUCKET, *_credentials
    )

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Foramen"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Site search (the backends are built in cms/settings/search.py).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
SEARCH_URLS = env_list("SEARCH_URLS")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "foramen_")
WAGTAILSEARCH_BACKENDS = search_backends(SEARCH_BACKEND, SEARCH_URLS, SEARCH_INDEX_PREFIX)
# The engine that `manage.py search_report` compares with the database backend,
# in indexes of its own (OpenSearch when SEARCH_BACKEND names no engine).
SEARCH_REPORT_ENGINE = SEARCH_BACKEND if SEARCH_BACKEND != "database" else "opensearch"
SEARCH_REPORT_BACKENDS = (
    search_backends(SEARCH_REPORT_ENGINE, SEARCH_URLS, f"{SEARCH_INDEX_PREFIX}report_")
    if SEARCH_URLS
    else None
)
# Documents stream through Wagtail's view, which checks their collection's privacy,
# whatever the storage (with an object store Wagtail would otherwise redirect to it).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Gravatar would receive a hash of each editor's email on every admin page, and the
# avatars break offline: the admin shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Content API (docs/api.md).
WAGTAILAPI_LIMIT_MAX = 50
# How long change events are kept, and so how old a sync cursor may be (changes/feed.py).
CHANGES_RETENTION_DAYS = int(os.environ.get("CHANGES_RETENTION_DAYS", "90"))
WAGTAILAPI_SEARCH_ENABLED = True
# Rich text leaves the API as display HTML, never as internal link markup.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Absolute URLs of media in API JSON start with this.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or WAGTAILADMIN_BASE_URL
API_PUBLIC_CACHE_CONTROL = os.environ.get(
    "API_PUBLIC_CACHE_CONTROL", "public, max-age=60, stale-while-revalidate=600"
)
# Answers to a visitor's query (site search, suggestions, the location finder's
# ?near=): no purge names them, so they are kept only briefly.
RESULT_PAGES_CACHE_CONTROL = os.environ.get("RESULT_PAGES_CACHE_CONTROL", "public, max-age=60")
# Beyond this many miles the finder says plainly that the nearest clinic is far, and
# offers the remote free MRI/CT review and the 24/7 phone instead of a trip.
FINDER_FAR_MILES = int(os.environ.get("FINDER_FAR_MILES", "100"))
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # API v2 is public and read-only: no credentials are read, so none can be "wrong".
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
# Partner browser code revalidates with these and shows the answer's language.
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language"]

# Days before a page's next medical review date at which the admin dashboard
# starts listing it, so reviewers can schedule the work.
MEDICAL_REVIEW_NOTICE_DAYS = int(os.environ.get("MEDICAL_REVIEW_NOTICE_DAYS", "30"))

# Phone numbers are stored in E.164; input without a country code is read as
# this region's.
PHONE_DEFAULT_REGION = os.environ.get("PHONE_DEFAULT_REGION", "US")


def origin(url):
    """The scheme and host of an absolute URL, or None for a path."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Security headers (core/security_headers.py). Public pages load scripts and styles
# from this origin only, none inline; the Wagtail user bar that editors see on them
# comes from the admin's origin, and media may come from their own.
_ADMIN_ORIGIN = origin(WAGTAILADMIN_BASE_URL)
_MEDIA_ORIGIN = origin(MEDIA_URL)
_PUBLIC_CSP = {
    "default-src": [SELF],
    "script-src": [SELF, _ADMIN_ORIGIN],
    "style-src": [SELF, _ADMIN_ORIGIN],
    "img-src": [SELF, "data:", _MEDIA_ORIGIN],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # Wagtail's live preview shows our pages in a frame of the admin.
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        name: [source for source in sources if source] for name, sources in _PUBLIC_CSP.items()
    }
}
# The Wagtail admin writes inline scripts and styles (widgets, inline panels, the
# focal point chooser) and shows uploads as blob: and data: images before saving.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], "blob:"],
        "frame-src": [SELF],
    }
}
# Features no page of ours uses, for this origin and any frame alike.
PERMISSIONS_POLICY = [
    (feature, [])
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The search engines' clients log every request at INFO.
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


# Lead forms (leads app; README "Lead forms").
# Fernet key that encrypts submissions and their files; older keys still decrypt
# during a rotation (manage.py rotate_lead_encryption). production.py requires it.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
FIELD_ENCRYPTION_OLD_KEYS = env_list("FIELD_ENCRYPTION_OLD_KEYS")
# Uploaded medical files: outside MEDIA_ROOT, never served by URL.
LEADS_PRIVATE_ROOT = Path(os.environ.get("LEADS_PRIVATE_ROOT", BASE_DIR / "private" / "leads"))
LEADS_UPLOAD_MAX_BYTES = int(os.environ.get("LEADS_UPLOAD_MAX_MB", "25")) * 1024 * 1024
# Upload fields a lead form may hold (the admin refuses more). With room for the
# typed answers they bound a lead form's whole request, refused unread above that
# (leads/middleware.py).
LEADS_UPLOAD_FIELDS_MAX = int(os.environ.get("LEADS_UPLOAD_FIELDS_MAX", "1"))
LEADS_FORM_TEXT_MAX_BYTES = 1024 * 1024
LEADS_REQUEST_MAX_BYTES = (
    LEADS_UPLOAD_FIELDS_MAX * LEADS_UPLOAD_MAX_BYTES + LEADS_FORM_TEXT_MAX_BYTES
)
# Files per request: a lead form's upload fields; the admin's image and document
# forms send one file at a time.
DATA_UPLOAD_MAX_NUMBER_FILES = max(LEADS_UPLOAD_FIELDS_MAX, 1)
# ClamAV's daemon, which scans every uploaded file before it is stored (leads/scanning.py):
# tcp://host:port or unix:///path. Empty turns scanning off, for development only;
# production.py requires it. A scanner that is down or slower than the timeout
# (seconds) refuses the submission, never lets the file through.
CLAMAV_URL = os.environ.get("CLAMAV_URL", "")
CLAMAV_TIMEOUT = float(os.environ.get("CLAMAV_TIMEOUT", "30"))
LEADS_RETENTION_DAYS = int(os.environ.get("LEADS_RETENTION_DAYS", "365"))
# Submissions per client IP and per email address within the window (seconds).
LEADS_RATE_LIMIT_CACHE = "default"
LEADS_RATE_LIMIT_PER_IP = int(os.environ.get("LEADS_RATE_LIMIT_PER_IP", "10"))
LEADS_RATE_LIMIT_PER_EMAIL = int(os.environ.get("LEADS_RATE_LIMIT_PER_EMAIL", "5"))
LEADS_RATE_LIMIT_WINDOW = int(os.environ.get("LEADS_RATE_LIMIT_WINDOW", "3600"))

# Partner keys (partners/): the default limit of a new partner, and the cache that
# counts requests per key (Redis in production, shared by every app server).
PARTNER_RATE_LIMIT_PER_MINUTE = int(os.environ.get("PARTNER_RATE_LIMIT_PER_MINUTE", "120"))
PARTNER_RATE_LIMIT_CACHE = "default"
# Draft preview for partner front ends (partners/preview.py): how long a preview token
# works, and whether a partner's preview URL may be plain http on a loopback host
# (a front end on the developer's machine; always allowed with DEBUG on).
PARTNER_PREVIEW_SECONDS = int(os.environ.get("PARTNER_PREVIEW_SECONDS", "600"))
PARTNER_PREVIEW_LOOPBACK_HTTP = False
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
LEADS_TRUSTED_PROXY_COUNT = int(os.environ.get("LEADS_TRUSTED_PROXY_COUNT", "0"))


def development_encryption_key(secret_key):
    """A Fernet key derived from a development SECRET_KEY, for dev and test settings only."""
    digest = hashlib.sha256(b"foramen-development-field-encryption:" + secret_key.encode())
    return base64.urlsafe_b64encode(digest.digest()).decode()


# Admin accounts (accounts app). After AXES_FAILURE_LIMIT wrong passwords from one
# client address, its logins are refused for AXES_COOLOFF_TIME.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# The address behind the same trusted proxies as the lead forms' limit.
AXES_CLIENT_IP_CALLABLE = "leads.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
# Password reset requests per client address within the window (seconds).
ACCOUNTS_THROTTLE_CACHE = "default"
PASSWORD_RESET_RATE_LIMIT_PER_IP = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT_PER_IP", "5"))
PASSWORD_RESET_RATE_LIMIT_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT_WINDOW", "3600"))
# Superusers and lead managers give a second factor after their password before
# any admin page opens: a code from an authenticator app (TOTP) or a passkey
# (WebAuthn, accounts/passkeys.py). Dev settings turn it off.
ACCOUNTS_REQUIRE_TWO_FACTOR = env_bool("ACCOUNTS_REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Foramen")
# A passkey is bound to its relying party: by default the admin's host name (the
# request's, which ALLOWED_HOSTS vouches for), or OTP_WEBAUTHN_RP_ID, a parent
# domain, so that the passkeys of admin.example.com also work on www.example.com.
# Changing it orphans every passkey registered before.
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID", "")
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = os.environ.get("OTP_WEBAUTHN_RP_NAME", "Foramen")
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
# A passkey is a second factor here, never a way in without the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The expected origin is the request's own (PasskeyHelper), not a fixed list.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# Seconds without a request after which a session that can read patient data
# (superusers, lead managers) ends.
ADMIN_IDLE_TIMEOUT = int(os.environ.get("ADMIN_IDLE_TIMEOUT", str(30 * 60)))

# Front cache: Varnish in front of the app, purged on change (frontcache app).
# FRONTEND_CACHE_URLS lists every Varnish node, comma-separated (e.g.
# http://10.0.0.5:8081,http://10.0.0.6:8081): each purge and ban goes to all of them.
# FRONTEND_CACHE_URL, one address, is still read when FRONTEND_CACHE_URLS is unset.
# Without either nothing is purged. Varnish takes purges only with
# FRONTEND_CACHE_PURGE_TOKEN, the same secret in its environment and the app's
# (deploy/varnish/foramen.vcl).
FRONTEND_CACHE_URLS = env_list("FRONTEND_CACHE_URLS") or env_list("FRONTEND_CACHE_URL")
FRONTEND_CACHE_PURGE_TOKEN = os.environ.get("FRONTEND_CACHE_PURGE_TOKEN", "")


def front_cache_backends(urls, purge_token):
    """One Wagtail frontend-cache backend per Varnish node: Wagtail purges through each."""
    return {
        f"varnish-{number}": {
            "BACKEND": "frontcache.backends.VarnishBackend",
            "LOCATION": url,
            "PURGE_TOKEN": purge_token,
        }
        for number, url in enumerate(urls, start=1)
    }


if FRONTEND_CACHE_URLS:
    WAGTAILFRONTENDCACHE = front_cache_backends(FRONTEND_CACHE_URLS, FRONTEND_CACHE_PURGE_TOKEN)
# Rendered answers for anonymous visitors (frontcache/render_cache.py), kept
# until content changes or this many seconds pass.
RENDER_CACHE_ALIAS = "default"
RENDER_CACHE_TIMEOUT = int(os.environ.get("RENDER_CACHE_TIMEOUT", str(24 * 60 * 60)))
# Answers kept per address and content generation (query strings and renderers):
# beyond it answers are rendered each time, so made-up queries cannot fill memory.
RENDER_CACHE_MAX_VARIANTS = int(os.environ.get("RENDER_CACHE_MAX_VARIANTS", "64"))
# The value of the X-Render-Cache header that asks for a full render past the render
# cache (`make bench`). Empty, and not read from the environment, everywhere but the
# stack's settings (cms/settings/stack.py): no visitor of production can force renders.
RENDER_CACHE_BYPASS_TOKEN = ""

# Seconds a Redis command may take to connect or to answer before the cache gives up
# on it (cms/cache.py): a hung Redis costs a request this much, never a hang.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))


def redis_cache(url, prefix):
    """A cache in the Redis at url whose outage means slower answers, never errors."""
    return {
        "BACKEND": "cms.cache.FaultTolerantRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT, "SOCKET_TIMEOUT": REDIS_TIMEOUT},
    }


def redis_caches(url, render_url, prefix):
    """Production's caches: the default one, and rendered answers (which may fill memory)
    in a Redis of their own that evicts, so that nothing else is ever evicted for them."""
    return {
        "default": redis_cache(url, prefix),
        "renders": redis_cache(render_url or url, f"{prefix}-renders"),
    }


# Sessions are stored in the database and read through the cache: a Redis restart
# (the stack runs it without persistence) or outage logs nobody out. Expired
# sessions stay in the database until `manage.py clearsessions` (run it daily).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background tasks (django-tasks 0.12). Development and most tests run them with the
# immediate backend, in the process that enqueues them. Production sets TASKS_BACKEND to
# django_tasks_db.DatabaseBackend (the stack does): Wagtail's search indexing, reference
# index and front-cache purges, our renditions and a webhook's first attempt become rows
# that `manage.py db_worker` processes run, so a publish never waits on the search
# cluster or on Varnish. A failed attempt is tried again after TASKS_RETRY_SECONDS,
# doubling each time, up to TASKS_MAX_ATTEMPTS attempts (core/task_queue.py); webhook
# retries never depend on it (`manage.py deliver_webhooks`, run every minute).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "5"))
TASKS_RETRY_SECONDS = float(os.environ.get("TASKS_RETRY_SECONDS", "10"))
# A task still running this long after it started has lost its worker: it is tried again.
TASKS_ABANDONED_SECONDS = int(os.environ.get("TASKS_ABANDONED_SECONDS", str(30 * 60)))

# Webhooks (webhooks app; docs/partners.md, "Webhooks"). Seconds to connect to an
# endpoint and to wait for its answer: a slow receiver costs at most this per attempt.
WEBHOOKS_CONNECT_TIMEOUT = float(os.environ.get("WEBHOOKS_CONNECT_TIMEOUT", "3"))
WEBHOOKS_READ_TIMEOUT = float(os.environ.get("WEBHOOKS_READ_TIMEOUT", "5"))
# Events of one object within this many seconds reach an endpoint as one delivery, the
# latest (webhooks/coalescing.py). Each event's first attempt waits this long, so the
# default keeps a publish told to partners within 2 seconds (make bench measures it);
# a larger window merges more of an editor's quick successive saves.
WEBHOOKS_COALESCE_SECONDS = float(os.environ.get("WEBHOOKS_COALESCE_SECONDS", "1"))
