"""Partners and their API keys.

A key is ``fpk_<public id>_<secret>``: the public id finds the row, the secret
is kept only as its SHA-256 digest (it is 256 random bits, so a plain digest
cannot be reversed by guessing) and compared in constant time. The full key is
shown once, when it is made, and never again.

A key's scope is explicit: at least one site, one locale and one content type
(the admin form refuses a key without them). A key whose scope names nothing
sees nothing, rather than everything.
"""

import datetime
import hashlib
import ipaddress
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

from partners import registry

KEY_PREFIX = "fpk_"
PUBLIC_ID_BYTES = 6
SECRET_BYTES = 32
#: How long the old key of a rotation keeps working by default.
DEFAULT_ROTATION_OVERLAP = datetime.timedelta(hours=24)


def secret_digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def scopable_content_types():
    """The page models and the snippet models the API serves: what a key's scope may name."""
    models_ = [*get_page_models(), *registry.scoped_snippet_models()]
    ids = [ContentType.objects.get_for_model(model).pk for model in models_]
    return Q(pk__in=ids)


def default_rate_limit():
    return settings.PARTNER_RATE_LIMIT_PER_MINUTE


class Partner(models.Model):
    name = models.CharField(max_length=200, unique=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    allowed_origins = models.TextField(
        blank=True,
        help_text=_("The origins of the partner's front ends, one a line (https://example.org)."),
    )
    attribution_rule = models.TextField(
        blank=True, help_text=_("How the partner must credit the content it shows.")
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        default=default_rate_limit,
        help_text=_("Requests each of the partner's keys may make per minute."),
    )
    active = models.BooleanField(
        default=True, help_text=_("An inactive partner's keys are refused.")
    )
    preview_url = models.URLField(
        blank=True,
        max_length=500,
        help_text=_(
            "The partner's draft preview page, e.g. https://partner.example/preview/?token={token}"
            " ({token} is replaced by the preview token, else added as ?token=). Its origin is"
            " added to the allowed origins. Editors see it only while the partner has a key"
            " with the preview scope."
        ),
    )

    class Meta:
        ordering = ["name"]
        permissions = [("manage_partners", "Can manage partners and their API keys")]

    def __str__(self):
        return self.name

    @property
    def origins(self):
        return [line.strip() for line in self.allowed_origins.splitlines() if line.strip()]

    @property
    def preview_origin(self):
        """``scheme://host[:port]`` of the preview URL: the one origin its tokens serve."""
        parts = urlsplit(self.preview_url)
        return f"{parts.scheme}://{parts.netloc}".lower() if self.preview_url else ""

    def clean(self):
        super().clean()
        if not self.preview_url:
            return
        parts = urlsplit(self.preview_url)
        if parts.username or parts.password:
            raise ValidationError({"preview_url": _("The preview URL must not hold credentials.")})
        if parts.scheme != "https" and not (parts.scheme == "http" and allows_plain_http(parts)):
            raise ValidationError(
                {
                    "preview_url": _(
                        "The preview URL must use https (http only on a loopback host in"
                        " development)."
                    )
                }
            )
        # The partner's browser code reads the preview answer: its origin must pass CORS.
        if self.preview_origin not in self.origins:
            self.allowed_origins = "\n".join([*self.origins, self.preview_origin])


def allows_plain_http(parts):
    """Plain http is for a front end on the developer's own machine only."""
    if not (settings.DEBUG or settings.PARTNER_PREVIEW_LOOPBACK_HTTP):
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        return False


class PartnerKeyQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            revoked_at__isnull=True,
            partner__active=True,
        )


class PartnerKey(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="keys")
    label = models.CharField(max_length=200, help_text=_("What the key is for, e.g. production."))
    public_id = models.CharField(max_length=2 * PUBLIC_ID_BYTES, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    sites = models.ManyToManyField("wagtailcore.Site", related_name="+")
    locales = models.ManyToManyField("wagtailcore.Locale", related_name="+")
    content_types = models.ManyToManyField(
        ContentType, related_name="+", limit_choices_to=scopable_content_types
    )
    preview = models.BooleanField(
        default=False, help_text=_("May read drafts for the partner's preview front end.")
    )

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "-created_at"]

    def __str__(self):
        return f"{self.partner}: {self.label} ({self.prefix}…)"

    @property
    def prefix(self):
        """What identifies the key without revealing it: ``fpk_<public id>``."""
        return f"{KEY_PREFIX}{self.public_id}"

    @classmethod
    def new_secret(cls):
        """A public id and a secret for a new key, and the full key to show once."""
        public_id = secrets.token_hex(PUBLIC_ID_BYTES)
        secret = secrets.token_urlsafe(SECRET_BYTES)
        return public_id, secret, f"{KEY_PREFIX}{public_id}_{secret}"

    def set_new_secret(self):
        """Give the (unsaved) key a new public id and secret; returns the full key."""
        self.public_id, secret, full_key = self.new_secret()
        self.secret_hash = secret_digest(secret)
        return full_key

    def matches(self, secret):
        return secrets.compare_digest(self.secret_hash, secret_digest(secret))

    def is_usable(self, now=None):
        now = now or timezone.now()
        return (
            self.revoked_at is None
            and (self.expires_at is None or self.expires_at > now)
            and self.partner.active
        )

    @property
    def status(self):
        if self.revoked_at is not None:
            return _("revoked")
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return _("expired")
        if self.expires_at is not None:
            return _("expires %(when)s") % {"when": timezone.localtime(self.expires_at)}
        return _("active")


class KeyUsage(models.Model):
    """Requests one key made on one day to one endpoint (its URL pattern)."""

    key = models.ForeignKey(PartnerKey, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField()
    endpoint = models.CharField(max_length=255)
    requests = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-day", "endpoint"]
        constraints = [
            models.UniqueConstraint(fields=["key", "day", "endpoint"], name="one_usage_row")
        ]

    def __str__(self):
        return f"{self.key.prefix} {self.day} {self.endpoint}: {self.requests}"

    @classmethod
    def count(cls, key_id, endpoint, day):
        """One more request, added in the database so that concurrent requests all count."""
        rows = cls.objects.filter(key_id=key_id, day=day, endpoint=endpoint)
        if rows.update(requests=F("requests") + 1):
            return
        _row, created = cls.objects.get_or_create(
            key_id=key_id, day=day, endpoint=endpoint, defaults={"requests": 1}
        )
        if not created:
            rows.update(requests=F("requests") + 1)
