"""The consent ledger: the patient's signed authorizations to show a testimonial.

A testimonial is protected health information used for marketing, so it needs the
patient's written authorization (HIPAA, 45 CFR 164.508(a)(3)), which carries the core
elements and statements of 164.508(c), an expiry date, and may be revoked in writing at
any time (164.508(b)(5)). The ledger keeps every authorization a testimonial ever had:
one is *active* while signed, not expired, not revoked and complete. Publishing needs
an active one covering this site; partners read it only while one covers syndication
(docs/governance.md, "Consent ledger").

The ledger is restricted: it has no ``api_fields``, no search index, no export and no
serialization registration, and the tests prove no channel shows it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from people.forms import TestimonialAuthorizationForm
from serialization import audience, prefetch, representation


class Channel(models.TextChoices):
    SITE = "site", _("This site")
    PARTNERS = "partners", _("Partner syndication")
    SOCIAL = "social", _("Social media")


#: Each channel and the field saying the authorization covers it.
CHANNEL_FIELDS = {
    Channel.SITE: "covers_site",
    Channel.PARTNERS: "covers_partners",
    Channel.SOCIAL: "covers_social",
}


class RevocationScope(models.TextChoices):
    ALL = "all", _("Everything: the whole authorization")
    PARTNERS = "partners", _("Partner syndication only")
    SOCIAL = "social", _("Social media only")


class RevocationChannel(models.TextChoices):
    WRITING = "writing", _("Letter or signed form")
    EMAIL = "email", _("Email")
    PORTAL = "portal", _("Patient portal")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Telephone (to be confirmed in writing)")


#: The core elements and required statements of 45 CFR 164.508(c), one field each: an
#: authorization missing any of them is not valid (164.508(b)(2)) and so never active.
CORE_ELEMENT_FIELDS = (
    "describes_information",
    "names_disclosers",
    "names_recipients",
    "states_purpose",
    "states_expiry",
    "signed_and_dated",
    "states_right_to_revoke",
    "states_no_conditioning",
    "states_redisclosure",
)


#: The clinic team is warned this many days before an authorization expires.
EXPIRY_WARNING_DAYS = (30, 7)


#: A complete form: every core element checked and the words attested as the patient's own.
COMPLETE_FORM = dict.fromkeys(CORE_ELEMENT_FIELDS, True) | {"patients_own_words": True}


class AuthorizationQuerySet(models.QuerySet):
    def active(self, on=None):
        """Signed, not yet expired (valid through its expiry date), not wholly revoked, and
        complete: every core element checked and the words attested as the patient's own."""
        today = on or timezone.localdate()
        return self.filter(
            Q(**COMPLETE_FORM),
            Q(revoked_on__isnull=True)
            | Q(revoked_on__gt=today)
            | ~Q(revocation_scope=RevocationScope.ALL),
            signed_on__lte=today,
            expires_on__gte=today,
        )

    def covering(self, channel, on=None):
        """The active authorizations whose coverage of ``channel`` has not been revoked."""
        today = on or timezone.localdate()
        queryset = self.active(on=today).filter(**{CHANNEL_FIELDS[channel]: True})
        if channel == Channel.SITE:
            return queryset
        channel_revoked = Q(revocation_scope=channel, revoked_on__lte=today)
        return queryset.exclude(channel_revoked)

    def expiring(self, on=None):
        """Active ones expiring within the first warning's days, soonest first, that no later
        authorization of the same words (renewed consent) outlasts."""
        today = on or timezone.localdate()
        horizon = today + datetime.timedelta(days=max(EXPIRY_WARNING_DAYS))
        renewed = self.active(on=today).filter(
            testimonial__translation_key=OuterRef("testimonial__translation_key"),
            expires_on__gt=horizon,
        )
        return (
            self.active(on=today)
            .filter(expires_on__lte=horizon)
            .exclude(Exists(renewed))
            .order_by("expires_on")
        )

    def of_words(self, testimonial):
        """Those of the testimonial's words in every language: a translation quotes the same
        patient, under the same signature."""
        return self.filter(testimonial__translation_key=testimonial.translation_key)


def covered_translation_keys(channel):
    """The translation keys of the testimonials an active authorization covers on ``channel``."""
    keys = TestimonialAuthorization.objects.covering(channel).values_list(
        "testimonial__translation_key", flat=True
    )
    return sorted(set(keys))


def shown_to_reader(testimonials):
    """The testimonials the answer's reader may see: all of them for the public, only those
    whose authorization covers syndication for a partner (serialization.audience)."""
    if not audience.partner_reads():
        return testimonials
    syndicated = set(
        prefetch.remember(
            "syndicated-testimonials", lambda: covered_translation_keys(Channel.PARTNERS)
        )
    )
    return [
        testimonial for testimonial in testimonials if testimonial.translation_key in syndicated
    ]


def covered(channel):
    """A condition on testimonials: an active authorization of their words covers ``channel``."""
    return Exists(
        TestimonialAuthorization.objects.covering(channel).filter(
            testimonial__translation_key=OuterRef("translation_key")
        )
    )


#: Each FTC flag and the sentence that discloses it beside the testimonial: a connection
#: between endorser and advertiser that readers would not expect must be disclosed
#: clearly and conspicuously (16 CFR 255.5).
CONNECTION_DISCLOSURES = {
    "material_connection": _(
        "This patient received something of value from the clinic, such as free or "
        "discounted care, payment or a gift."
    ),
    "employee_or_insider": _("This person works for the clinic or is related to someone who does."),
}


def connections_by_words():
    """{translation key: the FTC flags its active authorizations carry}, for the words
    that carry any."""
    flagged = TestimonialAuthorization.objects.active().filter(
        Q(material_connection=True) | Q(employee_or_insider=True)
    )
    connections = {}
    for row in flagged.values("testimonial__translation_key", *CONNECTION_DISCLOSURES):
        flags = connections.setdefault(str(row["testimonial__translation_key"]), set())
        flags.update(name for name in CONNECTION_DISCLOSURES if row[name])
    return connections


def connection_disclosure(testimonial):
    """The sentences disclosing the patient's connections to the clinic that an active
    authorization records, in the testimonial's language; empty when there are none."""
    # Kept per content generation like the other site-wide reads: saving an authorization
    # moves the generation (frontcache.purge), and a flag kept a little past its date
    # over-discloses, which is harmless.
    connections = prefetch.remember_per_generation("testimonial-connections", connections_by_words)
    flags = connections.get(str(testimonial.translation_key), ())
    with translation.override(representation.locale_code(testimonial)):
        return " ".join(
            str(sentence) for name, sentence in CONNECTION_DISCLOSURES.items() if name in flags
        )


class TestimonialAuthorization(models.Model):
    testimonial = models.ForeignKey(
        "people.Testimonial",
        on_delete=models.PROTECT,
        related_name="authorizations",
        verbose_name=_("testimonial"),
    )
    signed_on = models.DateField(_("signed on"))
    expires_on = models.DateField(
        _("expires on"),
        help_text=_("The expiry date written on the form. Required: consent never lasts forever."),
    )
    covers_site = models.BooleanField(_("this site"), default=True)
    covers_partners = models.BooleanField(_("partner syndication"), default=False)
    covers_social = models.BooleanField(_("social media"), default=False)
    covers_quote = models.BooleanField(_("quote"), default=True)
    covers_photo = models.BooleanField(_("photo"), default=False)
    covers_video = models.BooleanField(_("video"), default=False)

    describes_information = models.BooleanField(
        _("describes the information used (c)(1)(i)"), default=False
    )
    names_disclosers = models.BooleanField(_("names who may disclose it (c)(1)(ii)"), default=False)
    names_recipients = models.BooleanField(_("names who receives it (c)(1)(iii)"), default=False)
    states_purpose = models.BooleanField(_("states the purpose (c)(1)(iv)"), default=False)
    states_expiry = models.BooleanField(
        _("states an expiry date or event (c)(1)(v)"), default=False
    )
    signed_and_dated = models.BooleanField(
        _("signed and dated by the patient or representative (c)(1)(vi)"), default=False
    )
    states_right_to_revoke = models.BooleanField(
        _("states the right to revoke (c)(2)(i)"), default=False
    )
    states_no_conditioning = models.BooleanField(
        _("states that treatment is not conditioned on signing (c)(2)(ii)"), default=False
    )
    states_redisclosure = models.BooleanField(
        _("states that disclosed information may be redisclosed (c)(2)(iii)"), default=False
    )

    material_connection = models.BooleanField(
        _("material connection"),
        default=False,
        help_text=_(
            "The patient received something of value (free or discounted care, payment, a gift)."
        ),
    )
    employee_or_insider = models.BooleanField(
        _("employee or insider"),
        default=False,
        help_text=_("The patient works for the clinic or is related to someone who does."),
    )
    patients_own_words = models.BooleanField(
        _("the words are the patient's own"),
        default=False,
        help_text=_("I attest that the quoted words are the patient's own, unedited in meaning."),
    )

    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_received = models.CharField(
        _("revocation received by"), max_length=20, choices=RevocationChannel.choices, blank=True
    )
    revocation_scope = models.CharField(
        _("revocation covers"),
        max_length=20,
        choices=RevocationScope.choices,
        default=RevocationScope.ALL,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuthorizationQuerySet.as_manager()

    base_form_class = TestimonialAuthorizationForm
    panels = [
        FieldPanel("testimonial"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("expires_on")]),
        MultiFieldPanel(
            [FieldPanel("covers_site"), FieldPanel("covers_partners"), FieldPanel("covers_social")],
            heading=_("Channels covered"),
        ),
        MultiFieldPanel(
            [FieldPanel("covers_quote"), FieldPanel("covers_photo"), FieldPanel("covers_video")],
            heading=_("Media covered"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in CORE_ELEMENT_FIELDS],
            heading=_("Core elements and statements (45 CFR 164.508(c))"),
        ),
        MultiFieldPanel(
            [FieldPanel("material_connection"), FieldPanel("employee_or_insider")],
            heading=_("Connections to disclose (FTC 16 CFR 255.5)"),
        ),
        FieldPanel("patients_own_words"),
        MultiFieldPanel(
            [
                FieldPanel("revoked_on"),
                FieldPanel("revocation_received"),
                FieldPanel("revocation_scope"),
            ],
            heading=_("Revocation"),
        ),
    ]

    class Meta:
        verbose_name = _("testimonial authorization")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("signed_on")),
                name="authorization_expires_after_signing",
            )
        ]

    def __str__(self):
        return _("%(testimonial)s: signed %(signed)s, expires %(expires)s") % {
            "testimonial": self.testimonial.display_name,
            "signed": self.signed_on.isoformat(),
            "expires": self.expires_on.isoformat(),
        }

    def clean(self):
        errors = {}
        if self.signed_on and self.expires_on and self.expires_on <= self.signed_on:
            errors["expires_on"] = _("The expiry date must come after the signature.")
        if self.revoked_on and not self.revocation_received:
            errors["revocation_received"] = _("Say how the revocation was received.")
        if self.revocation_received and not self.revoked_on:
            errors["revoked_on"] = _("Give the date the revocation was received.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self):
        return type(self).objects.active().filter(pk=self.pk).exists()


class ExpiryWarning(models.Model):
    """A warning mailed to the clinic team before an authorization expires, recorded so that
    each is sent once (people.expiry_warnings). Keyed by the expiry date it warned of: an
    expiry date corrected later is warned of afresh."""

    authorization = models.ForeignKey(
        TestimonialAuthorization, on_delete=models.CASCADE, related_name="+"
    )
    expires_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authorization", "expires_on", "days_before"],
                name="one_expiry_warning_per_notice",
            )
        ]

    def __str__(self):
        return f"{self.days_before}-day warning of authorization {self.authorization_id}"
