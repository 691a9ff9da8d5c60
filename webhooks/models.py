"""Webhook endpoints, the deliveries of events to them, and each attempt's log."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from changes.models import ChangeEvent
from webhooks import signing

# After a rotation the previous secret still signs for this long, so that
# receivers can switch to the new one without losing a message.
SECRET_ROTATION_OVERLAP = timedelta(hours=24)
RESPONSE_EXCERPT_BYTES = 1024


def validate_event_types(value):
    """Event types are the outbox's kinds (changes.models.ChangeEvent.Kind): a name that
    is not one would filter out every event, and the endpoint would never be told anything."""
    if not isinstance(value, list):
        raise ValidationError(_("Event types are a list of names."), code="invalid")
    unknown = [name for name in value if name not in ChangeEvent.Kind.values]
    if unknown:
        raise ValidationError(
            _("No event is of the type %(names)s. The types are: %(kinds)s."),
            code="unknown_event_type",
            params={"names": ", ".join(map(str, unknown)), "kinds": ", ".join(ChangeEvent.Kind)},
        )


class WebhookEndpoint(models.Model):
    """Where change events are POSTed.

    An endpoint of a partner is told only what the partner's usable keys may read
    (webhooks.scope); its filters narrow that further. An endpoint without a partner
    is an internal one (a system of our own), told whatever its filters take: only
    those who manage endpoints make one, and every payload is thin and public.
    """

    # Deleted with its partner: left behind it would become an internal endpoint,
    # told everything.
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook_endpoints",
        help_text=_(
            "It is told only what the partner's keys may read. None: an internal endpoint,"
            " told every event its filters take."
        ),
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500, help_text=_("Receives HTTP POSTs of events."))
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_reason = models.CharField(_("disabled because"), max_length=255, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    sites = models.ManyToManyField(
        "wagtailcore.Site",
        verbose_name=_("sites"),
        blank=True,
        help_text=_(
            "Only events of these sites; none chosen: every site (of a partner's endpoint,"
            " every site of the partner's keys)."
        ),
    )
    locales = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("locales"),
        blank=True,
        help_text=_(
            "Only events in these languages; none chosen: every language (of a partner's"
            " endpoint, every language of the partner's keys)."
        ),
    )
    event_types = models.JSONField(
        _("event types"),
        default=list,
        blank=True,
        validators=[validate_event_types],
        help_text=_("Only events of these types; none: every type."),
    )
    secret = models.CharField(max_length=100, default=signing.new_secret, editable=False)
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def subscribes_to(self, event):
        """Whether the filters take the event (its site id, locale code and type).

        The partner's scope is not checked here: see webhooks.scope."""
        site_ids = {site.pk for site in self.sites.all()}
        language_codes = {locale.language_code for locale in self.locales.all()}
        return (
            (not site_ids or event["site"] in site_ids)
            and (not language_codes or event["locale"] in language_codes)
            and (not self.event_types or event["type"] in self.event_types)
        )

    def secrets_in_use(self, now):
        """The secrets a request sent at now is signed with: the current one, and the
        previous one during a rotation's overlap."""
        if self.previous_secret and self.previous_secret_expires_at > now:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def rotate_secret(self, now=None):
        """A new current secret; the old one keeps signing for SECRET_ROTATION_OVERLAP."""
        now = now or timezone.now()
        self.previous_secret = self.secret
        self.previous_secret_expires_at = now + SECRET_ROTATION_OVERLAP
        self.secret = signing.new_secret()
        self.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
        return self.secret


class WebhookDelivery(models.Model):
    """One event for one endpoint. Its webhook id stays the same across retries and
    redeliveries, so that receivers can drop what they have already applied."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        # A later event of the same object came within the coalescing window and was
        # sent instead (coalesced_into).
        COALESCED = "coalesced", _("Coalesced")
        # The partner's scope no longer covers the event (a key was revoked or narrowed).
        OUT_OF_SCOPE = "out_of_scope", _("Out of the partner's scope")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    webhook_id = models.CharField(max_length=40, default=signing.new_webhook_id, editable=False)
    event_type = models.CharField(max_length=100)
    # None for test events, which belong to no change.
    event_sequence = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField()
    # "<app_label.model>:<id>" of the event's object: the events coalesced together.
    # Empty for test events.
    object_key = models.CharField(max_length=120, blank=True)
    coalesced_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_sequence"],
                condition=models.Q(event_sequence__isnull=False),
                name="one_delivery_per_event_and_endpoint",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["endpoint", "object_key", "status"], name="webhooks_same_object"),
        ]

    def __str__(self):
        return f"{self.webhook_id} ({self.event_type})"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    attempted_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField()
    response_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["attempted_at"]

    def __str__(self):
        return f"{self.delivery.webhook_id} at {self.attempted_at:%Y-%m-%d %H:%M:%S}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
