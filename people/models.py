"""The people content is about: physicians who practise and review, patients who testify.

They live below the content apps that show them (procedures, locations, home),
so that each of those can list them without importing one another.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.page_choosers import SnippetPageChooserPanel
from core.preview import ExtraPreviewModesMixin
from core.relations import snippet_page_errors
from core.validators import validate_npi
from localization.regulated import RegulatedTextMixin
from people.consent import (
    Channel,
    TestimonialAuthorization,
    connection_disclosure,
    covered,
    covered_translation_keys,
)
from people.forms import AUTHORIZATION_REQUIRED_MESSAGE, TestimonialForm
from people.review import (  # noqa: F401 (Django finds the review models through this module)
    MedicalReviewRecord,
    MedicalReviewTask,
    ReviewStatus,
    reviewed_content_digest,
)
from search.registry import SiteSearchable
from serialization import prefetch, representation
from serialization.content_scope import ContentScope

#: The audit log's action for a testimonial unpublished because its consent lapsed.
WITHDRAWN_LOG_ACTION = "people.testimonial_withdrawn"

DEFAULT_TESTIMONIAL_DISCLOSURE = (
    "Individual results vary. This testimonial describes one patient's experience "
    "and is not a promise of any outcome."
)


#: Who may link a physician to an account and record their licence (Settings → Groups).
CREDENTIALS_PERMISSION = "people.manage_physician_credentials"


class PhysicianQuerySet(models.QuerySet):
    def credentialed(self):
        """Physicians whose licence is current; ``is_credentialed`` also checks the NPI."""
        return self.filter(licence_expiry__gte=timezone.localdate()).exclude(
            models.Q(licence_number="") | models.Q(licence_state="")
        )


class Physician(SiteSearchable, TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=60, blank=True, help_text=_("e.g. MD, FAAOS"))
    specialties = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("Separated by commas, e.g. Spine surgery, Pain management"),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(blank=True, features=BODY_RICH_TEXT_FEATURES)
    npi = models.CharField(
        max_length=10,
        validators=[validate_npi],
        verbose_name=_("NPI"),
        help_text=_("The ten-digit National Provider Identifier."),
    )
    # A foreign key rather than a one-to-one: each translation of a physician is a row of
    # its own, all linked to the same person's account (one per language, by constraint).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="physicians",
        verbose_name=_("admin account"),
        help_text=_(
            "The physician's own account: with a current licence, it may approve medical reviews."
        ),
    )
    licence_state = models.CharField(
        max_length=2,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z]{2}$", _("Enter the state's two-letter code, e.g. TX."))
        ],
        verbose_name=_("licence state"),
        help_text=_("The two-letter code of the state that issued the medical licence."),
    )
    licence_number = models.CharField(max_length=30, blank=True, verbose_name=_("licence number"))
    licence_expiry = models.DateField(null=True, blank=True, verbose_name=_("licence expiry"))

    # A name, an identifier and a licence are the same in every language: copied, not translated.
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("npi"),
        SynchronizedField("user"),
        SynchronizedField("licence_state"),
        SynchronizedField("licence_number"),
        SynchronizedField("licence_expiry"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("specialties"),
        FieldPanel("npi"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        # Whoever sets these decides who may approve medical reviews: not every editor.
        MultiFieldPanel(
            [
                FieldPanel("user", permission=CREDENTIALS_PERMISSION),
                FieldRowPanel(
                    [
                        FieldPanel("licence_state", permission=CREDENTIALS_PERMISSION),
                        FieldPanel("licence_number", permission=CREDENTIALS_PERMISSION),
                        FieldPanel("licence_expiry", permission=CREDENTIALS_PERMISSION),
                    ]
                ),
            ],
            heading=_("Credentials for medical review"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("specialties"),
        index.SearchField("bio"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("name", writable=True),
        APIField("credentials", writable=True),
        APIField("specialties", writable=True),
        APIField("specialty_list"),
        APIField("npi", writable=True),
        APIField("photo", writable=True),
        APIField("portrait"),
        APIField("bio", writable=True),
        APIField("locations"),
    ]

    objects = PhysicianQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("physician")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["npi", "locale"], name="unique_physician_npi_per_locale"
            ),
            models.UniqueConstraint(
                fields=["user", "locale"], name="unique_physician_user_per_locale"
            ),
        ]
        permissions = [
            (
                "manage_physician_credentials",
                "Can link physicians to admin accounts and record their licences",
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def get_search_result_summary(self):
        return self.specialties

    @property
    def is_credentialed(self):
        """May stand behind a medical review: a valid NPI and a licence not yet expired."""
        try:
            validate_npi(self.npi)
        except ValidationError:
            return False
        return bool(
            self.licence_state
            and self.licence_number
            and self.licence_expiry is not None
            and self.licence_expiry >= timezone.localdate()
        )

    def get_search_result_url(self, request=None):
        """A physician has no page of their own: the result leads to where they practise,
        on the searched site and in its language; none there, no result there."""
        scope = ContentScope.of_request(request)
        locations = scope.pages(list(self.practice_locations()), own_site_only=True)
        return locations[0].get_url(request) if locations else None

    @property
    def specialty_list(self):
        return [item.strip() for item in self.specialties.split(",") if item.strip()]

    @property
    def portrait(self):
        return representation.image_data(prefetch.cached_image(self, "photo"), alt_text=self.name)

    @property
    def locations(self):
        return representation.page_cards_from_queryset(self.practice_locations())

    def practice_locations(self):
        """The live location pages that list this physician, by title."""
        location_model = self.location_links.model._meta.get_field("page").related_model
        return (
            location_model.objects.live().filter(physician_links__physician=self).order_by("title")
        )


class MedicalReviewMixin(models.Model):
    """Who checked the page's medical content, when, and when it is due again.

    These fields are set only by a credentialed physician's approval of the "Medical review"
    workflow task (``people.review.record_review``): the admin shows them read-only, API v3
    refuses to write them, and publishing or reverting a revision keeps the page's own values
    (``with_content_json``). Each page type states ``medical_review_interval_months`` (when
    the next review falls due) and ``medically_reviewed_fields`` (what a review vouches for;
    editing them after an approval makes the status "changed").
    """

    MEDICAL_REVIEW_FIELDS = [
        "medical_reviewer",
        "last_reviewed",
        "next_review",
        "medical_review_digest",
        "medical_review_changed",
    ]

    medical_reviewer = models.ForeignKey(
        Physician,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review = models.DateField(null=True, blank=True, editable=False)
    # The reviewed content of the approved revision (people.review.reviewed_content_digest),
    # and whether the latest revision's differs from it.
    medical_review_digest = models.CharField(max_length=64, blank=True, editable=False)
    medical_review_changed = models.BooleanField(default=False, editable=False)

    medical_review_interval_months = 12
    medically_reviewed_fields = ()

    medical_review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("medical_reviewer", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review", read_only=True),
            ],
            heading=_("Medical review"),
            help_text=_(
                "Set when a credentialed physician approves the page's Medical review "
                "workflow task; editors cannot change them."
            ),
        )
    ]
    medical_review_api_fields = [
        APIField("medical_reviewer"),
        APIField("reviewer"),
        APIField("last_reviewed"),
        APIField("next_review"),
        APIField("medical_review"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A full save writes the review fields as stored, whatever this instance holds: only
        ``record_review`` (and the status kept below) write them, by ``update_fields``. An
        instance loaded before an approval and saved or published after it keeps the approval."""
        if self.pk is not None and kwargs.get("update_fields") is None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values(*self.medical_review_attnames())
                .first()
            )
            for attname, value in (stored or {}).items():
                setattr(self, attname, value)
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """The review fields are the page's own, never its revision's: a revision saved before
        an approval, published after it, must not undo it. An alias takes its original's
        (Wagtail syncs aliases with the original's content, whose ``pk`` is not the alias's)."""
        obj = super().with_content_json(content)
        if content.get("pk") == self.pk:
            for name in self.MEDICAL_REVIEW_FIELDS:
                setattr(obj, name, getattr(self, name))
        return obj

    @classmethod
    def medical_review_attnames(cls):
        return [cls._meta.get_field(name).attname for name in cls.MEDICAL_REVIEW_FIELDS]

    def save_revision(self, *args, **kwargs):
        """Compare the new revision's reviewed content with the approved one's, in the same
        request: an edit of it makes the review "changed", an edit undone makes it current."""
        revision = super().save_revision(*args, **kwargs)
        if self.medical_review_digest:
            changed = self.medical_review_digest != reviewed_content_digest(
                type(self), revision.content
            )
            if changed != self.medical_review_changed:
                self.medical_review_changed = changed
                self.save(update_fields=["medical_review_changed"], clean=False)
        return revision

    @prefetch.api_property
    def reviewer(self):
        physician = self.reviewing_physician()
        return representation.physician_data(physician) if physician else None

    @prefetch.api_property
    def medical_review(self):
        """The review's status with who and when, for both APIs; status null if never reviewed."""
        return {
            "status": self.medical_review_status,
            "reviewer": self.reviewer,
            "last_reviewed": self.last_reviewed.isoformat() if self.last_reviewed else None,
            "next_review": self.next_review.isoformat() if self.next_review else None,
        }

    def reviewing_physician(self):
        return prefetch.cached(Physician, self.medical_reviewer_id, lambda: self.medical_reviewer)

    @property
    def medical_review_status(self):
        """``ReviewStatus``: overdue once the next review has passed, changed once the reviewed
        content was edited after the approval, else current; None if never reviewed."""
        if self.medical_reviewer_id is None or self.last_reviewed is None:
            return None
        if self.next_review is not None and self.next_review < timezone.localdate():
            return ReviewStatus.OVERDUE
        if self.medical_review_changed:
            return ReviewStatus.CHANGED
        return ReviewStatus.CURRENT

    @property
    def medical_review_current(self):
        """Reviewed by a physician, not due again yet, and unchanged since."""
        return self.medical_review_status == ReviewStatus.CURRENT

    def current_reviewer(self):
        """The physician who reviewed the page while the review is current, else None."""
        return self.reviewing_physician() if self.medical_review_current else None

    @property
    def medical_review_due(self):
        if self.next_review is None:
            return False
        notice = datetime.timedelta(days=settings.MEDICAL_REVIEW_NOTICE_DAYS)
        return self.next_review <= timezone.localdate() + notice


class TestimonialQuerySet(models.QuerySet):
    def publicly_shown(self):
        """Published: publishing needs an active authorization covering this site, and the
        withdrawal job unpublishes a testimonial within a minute of its last one lapsing."""
        return self.filter(live=True)

    def syndicated(self):
        """Those partners may read: an active authorization of their words covers syndication.
        By a list of translation keys, which the search backends can filter on too."""
        return self.filter(translation_key__in=covered_translation_keys(Channel.PARTNERS))

    def withdrawn_by_consent(self):
        """Live ones that no active authorization covers on this site any more."""
        return self.filter(live=True).exclude(covered(Channel.SITE))


class Testimonial(
    RegulatedTextMixin,
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    ExtraPreviewModesMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A patient's own words; shown only while published under an active authorization
    (people.consent)."""

    display_name = models.CharField(max_length=60, help_text=_('e.g. "Larry L."'))
    condition = models.ForeignKey(
        "procedures.ConditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )
    location = models.ForeignKey(
        "locations.LocationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )
    condition_label = models.CharField(
        max_length=80, blank=True, help_text=_("As the patient put it, e.g. Spinal Stenosis.")
    )
    procedure_label = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("As the patient put it, e.g. Laminotomy/ Laminectomy."),
    )
    headline_quote = models.TextField()
    quotes = StreamField(
        [
            (
                "quote",
                blocks.TextBlock(
                    label=_("Quote"),
                    help_text=_("The patient's words as they signed them, without edits."),
                ),
            )
        ],
        blank=True,
        verbose_name=_("longer quotes"),
    )
    disclosure = models.TextField(default=DEFAULT_TESTIMONIAL_DISCLOSURE)

    objects = TestimonialQuerySet.as_manager()
    regulated_fields = ["disclosure"]
    base_form_class = TestimonialForm

    panels = [
        FieldPanel("display_name"),
        FieldRowPanel([SnippetPageChooserPanel("condition"), FieldPanel("condition_label")]),
        FieldRowPanel([SnippetPageChooserPanel("procedure"), FieldPanel("procedure_label")]),
        SnippetPageChooserPanel("location"),
        FieldPanel("headline_quote"),
        FieldPanel("quotes"),
        FieldPanel("disclosure"),
    ]

    search_fields = [
        index.SearchField("display_name"),
        index.SearchField("headline_quote"),
        index.SearchField("condition_label"),
        index.SearchField("procedure_label"),
        index.AutocompleteField("display_name"),
        index.FilterField("live"),
        index.FilterField("translation_key"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("display_name", writable=True),
        APIField("condition", writable=True),
        APIField("condition_label", writable=True),
        APIField("procedure", writable=True),
        APIField("procedure_label", writable=True),
        APIField("location", writable=True),
        APIField("headline_quote", writable=True),
        APIField("quotes", writable=True),
        APIField("disclosure", writable=True),
        APIField("connection_disclosure"),
        APIField("condition_name"),
        APIField("procedure_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("testimonial")
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}: {self.headline_quote[:40]}"

    @property
    def is_publicly_shown(self):
        """Published: publishing needs an active authorization covering this site, and the
        withdrawal job unpublishes a testimonial within a minute of its last one lapsing."""
        return self.live

    @property
    def connection_disclosure(self):
        """What the patient's authorization says of their connections to the clinic (FTC)."""
        return connection_disclosure(self)

    @property
    def condition_name(self):
        return self.condition_label or (self.condition.title if self.condition else "")

    @property
    def procedure_name(self):
        return self.procedure_label or (self.procedure.title if self.procedure else "")

    def clean(self):
        super().clean()
        errors = snippet_page_errors(
            self,
            {"condition": self.condition, "procedure": self.procedure, "location": self.location},
        )
        if errors:
            raise ValidationError(errors)

    def check_publishable(self):
        """Publishing needs an active authorization of these words that covers this site."""
        if self.pk is None or not self.site_authorizations().exists():
            raise ValidationError(AUTHORIZATION_REQUIRED_MESSAGE)

    def site_authorizations(self):
        return TestimonialAuthorization.objects.of_words(self).covering(Channel.SITE)

    def withdraw(self):
        """Unpublish because no active authorization covers the site any more, logged as a
        withdrawal. Unpublishing purges the pages quoting it (frontcache) and records a
        withdrawal event for partners (changes)."""
        self.unpublish(log_action=WITHDRAWN_LOG_ACTION)

    def publish(self, revision, *args, **kwargs):
        revision.as_object().check_publishable()
        return super().publish(revision, *args, **kwargs)

    def get_preview_template(self, request, mode_name):
        return "people/testimonial_preview.html"
