"""Substantiated claims: the figures pages state about outcomes, each with its evidence.

A statistic block chooses a ``Claim`` rather than carrying free text, so every figure a
page shows has a method, a population, a period, a source document kept private and an
owner who answers for it until its expiry date (FTC 16 CFR 255: an advertiser needs
evidence for the claims its endorsements and figures make). An expired claim keeps every
page that shows it from being published, on every path (``SubstantiatedClaimsMixin``);
the claim's usage in the admin lists those pages (Wagtail's reference index).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks import StructValue
from wagtail.fields import StreamField
from wagtail.models import CollectionViewRestriction, TranslatableMixin
from wagtail.search import index

from serialization.representation import locale_code


class Claim(TranslatableMixin, index.Indexed, models.Model):
    """A figure a page may state, with what substantiates it."""

    figure = models.CharField(max_length=20, help_text=_("As visitors read it, e.g. 95%"))
    wording = models.CharField(
        max_length=200,
        verbose_name=_("what it measures"),
        help_text=_("Read after the figure, e.g. of our patients would recommend us."),
    )
    numerator = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("e.g. the patients who answered yes.")
    )
    denominator = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("e.g. the patients who answered the survey.")
    )
    method = models.TextField(
        blank=True, help_text=_("How the figure was measured, e.g. an anonymous survey by mail.")
    )
    population = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who was counted, e.g. patients treated in our Texas centres."),
    )
    period = models.CharField(
        max_length=100, help_text=_("When it was measured, e.g. January to December 2025.")
    )
    source = models.CharField(
        max_length=200,
        help_text=_("Where the figure comes from, as visitors read it, e.g. Patient survey."),
    )
    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substantiated_claims",
        help_text=_(
            "The evidence (the survey's results, the study). It must sit in a private "
            "collection: it is never shown on the site or in the APIs."
        ),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who answers for this figure and renews it before it expires."),
    )
    expires_on = models.DateField(
        verbose_name=_("expires on"),
        help_text=_(
            "From this day no page showing the figure can be published until it is renewed."
        ),
    )

    panels = [
        FieldPanel("figure"),
        FieldPanel("wording"),
        FieldPanel("source"),
        FieldPanel("period"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("numerator"), FieldPanel("denominator")]),
                FieldPanel("method"),
                FieldPanel("population"),
                FieldPanel("source_document"),
            ],
            heading=_("Substantiation"),
        ),
        FieldPanel("owner"),
        FieldPanel("expires_on"),
    ]

    search_fields = [
        index.SearchField("wording"),
        index.SearchField("source"),
        index.AutocompleteField("wording"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["wording"]

    def __str__(self):
        return f"{self.figure} {self.wording}"

    def clean(self):
        super().clean()
        errors = {}
        if (self.numerator is None) != (self.denominator is None):
            message = _("Give both the numerator and the denominator, or neither.")
            errors = {"numerator": message, "denominator": message}
        elif self.denominator is not None and self.numerator > self.denominator:
            errors["numerator"] = _("The numerator cannot exceed the denominator.")
        if self.source_document_id and not is_private(self.source_document):
            errors["source_document"] = _(
                "Move this document to a private collection first: the evidence is never public."
            )
        if errors:
            raise ValidationError(errors)


def is_private(document):
    """Whether a view restriction covers the document's collection (or one above it): both
    APIs and the document's own address then refuse it to visitors."""
    collections = document.collection.get_ancestors(inclusive=True)
    return CollectionViewRestriction.objects.filter(collection__in=collections).exists()


def claim_ids_in_stream(stream):
    """The ids of the claims chosen in a stream: its statistic blocks' (a struct whose
    ``claim`` holds one)."""
    return {
        child.value["claim"].pk
        for child in stream or ()
        if isinstance(child.value, StructValue) and isinstance(child.value.get("claim"), Claim)
    }


def expired_claims(ids):
    if not ids:
        return []
    return list(Claim.objects.filter(pk__in=ids, expires_on__lte=timezone.localdate()))


def expired_claims_in(instance):
    """The expired claims that ``instance`` (a page, as it would be published) shows."""
    ids = set()
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            ids |= claim_ids_in_stream(getattr(instance, field.attname))
    return expired_claims(ids)


def expired_claims_message(claims):
    return gettext(
        "Expired claims: %(claims)s. Ask the claim's owner to renew it or remove the statistic "
        "before publishing."
    ) % {"claims": "; ".join(f"“{claim}” ({claim.expires_on:%Y-%m-%d})" for claim in claims)}


class ExpiredClaimsRefused(ValidationError):
    """Publishing refused: the page shows a claim past its expiry date."""

    def __init__(self, page, claims):
        super().__init__(expired_claims_message(claims))
        self.page = page
        self.claims = claims


def refuse_expired_claims(page):
    claims = expired_claims_in(page)
    if claims:
        raise ExpiredClaimsRefused(page, claims)


class SubstantiatedClaimsMixin:
    """For a page type whose streams may show statistics: every way of publishing (the
    admin, API v3, workflows, scheduled publishing) ends in ``publish``, which refuses a
    revision that shows an expired claim."""

    def publish(self, revision, *args, **kwargs):
        refuse_expired_claims(revision.as_object())
        return super().publish(revision, *args, **kwargs)


def claim_data(claim):
    """What visitors and partners read of a claim: the figure with its source and period,
    never its source document or owner."""
    if claim is None:
        return None
    return {
        "id": claim.pk,
        "figure": claim.figure,
        "wording": claim.wording,
        "source": claim.source,
        "period": claim.period,
        "population": claim.population,
        "numerator": claim.numerator,
        "denominator": claim.denominator,
        "locale": locale_code(claim),
    }
