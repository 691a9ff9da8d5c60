"""Pieces that every content area shares: page mixins, calls to action, site settings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import preview, structured_data
from core.blocks.content import BODY_RICH_TEXT_FEATURES
from core.claims import Claim  # noqa: F401 (its own module; imported here as every model is)
from core.colour_input import ColourContrastInput
from core.page_choosers import SnippetPageChooserPanel
from core.phone import PhoneNumberField
from core.relations import snippet_page_errors
from core.theme import (
    DEFAULT_ACCENT_COLOUR,
    DEFAULT_BRAND_COLOUR,
    theme_variables,
    theme_version,
    validate_theme_colour,
)
from localization.panels import SiteTextsPanel
from search.registry import SiteSearchablePage
from serialization import locales, prefetch, representation
from serialization.phone import display_phone


class APIPageMixin(preview.ExtraPreviewModesMixin):
    """Data every page gives partners besides its own fields: where it is and what it is called."""

    common_api_fields = [
        APIField("page_url"),
        APIField("seo"),
        APIField("breadcrumbs"),
        APIField("translations"),
        APIField("last_published_at"),
        APIField("schema_org"),
    ]

    def get_context(self, request, *args, **kwargs):
        # Everything the page shows of other objects, loaded in a few queries before the
        # template and its blocks ask for them one at a time.
        prefetch.ensure_warm(self)
        locales.attach_locale(self)
        return super().get_context(request, *args, **kwargs)

    @property
    def page_url(self):
        return representation.page_url(self)

    @property
    def seo(self):
        return {
            "title": self.seo_title or self.title,
            "description": self.search_description or getattr(self, "summary", ""),
        }

    @prefetch.api_property
    def breadcrumbs(self):
        # Depth 2 holds the sites' home pages; the tree's root is not a page anyone sees.
        *ancestors, _page = structured_data.breadcrumb_trail(self)
        return [
            {"id": page.pk, "title": page.title, "url": representation.page_url(page)}
            for page in ancestors
        ]

    @prefetch.api_property
    def schema_org(self):
        """The page's JSON-LD graph, built as its head builds it for search engines, with the
        settings of the page's own site (whose root address its ``@id``s hang off); None
        for a page outside every site, which only a v3 token reads."""
        url_parts = self.get_url_parts()
        if url_parts is None:
            return None
        site_id, _root_url, _path = url_parts
        return structured_data.page_graph(
            self, SiteSettings.for_site_id(site_id), structured_data.breadcrumb_trail(self)
        )

    @prefetch.api_property
    def translations(self):
        pages = prefetch.remember(
            ("translations", self.translation_key),
            lambda: list(self.get_translations(inclusive=True).live().select_related("locale")),
        )
        return {
            page.locale.language_code: {"id": page.pk, "url": representation.page_url(page)}
            for page in pages
            if page.pk != self.pk
        }


class SectionIndexPage(APIPageMixin, Page):
    """A section's landing page: an introduction and its live child pages."""

    intro = RichTextField(blank=True, features=BODY_RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    api_fields = APIPageMixin.common_api_fields + [APIField("intro", writable=True)]

    max_count_per_parent = 1
    #: The order of the listed children.
    children_ordering = ("title",)

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The one page type that names this index as its parent (Wagtail's base
        # Page, allowed everywhere but never created, is left out).
        [child_model] = self.specific_class.creatable_subpage_models()
        context["children"] = (
            child_model.objects.child_of(self)
            .live()
            .public()
            .order_by(*self.children_ordering)
            .select_related("hero_image")
        )
        return context


class ListingMixin(SiteSearchablePage, models.Model):
    """What a page shows on cards, in search results and in the API.

    Listed pages take part in the site search (search.registry).
    """

    summary = models.TextField(
        max_length=300,
        help_text=_("One or two plain sentences for cards, search results and partner sites."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top of the page and on its cards, cropped to 16:9 around the focal "
            "point. Screen readers read the image's description (or else its title)."
        ),
    )

    #: A page a patient decides on: small screens keep a call and review bar at its bottom.
    shows_action_bar = True

    listing_panels = [FieldPanel("summary"), FieldPanel("hero_image")]
    listing_api_fields = [
        APIField("summary", writable=True),
        APIField("hero_image", writable=True),
        APIField("hero"),
    ]

    class Meta:
        abstract = True

    @prefetch.api_property
    def hero(self):
        return representation.image_data(prefetch.cached_image(self, "hero_image"))


#: Where a phone call to action's label shows the number it dials.
PHONE_PLACEHOLDER = "{phone}"


class CallToAction(
    TranslatableMixin,
    RevisionMixin,
    preview.ExtraPreviewModesMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A reusable prompt to act: call us, open a page (often a form), or visit a URL."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone call")
        PAGE = "page", _("Page on this site")
        URL = "url", _("External URL")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PAGE)
    heading = models.CharField(max_length=120)
    text = models.TextField(blank=True)
    button_label = models.CharField(
        max_length=60,
        help_text=_(
            "For a phone call, write {phone} where the number goes, e.g. “Call {phone}”: "
            "it shows the number the button dials, as the site shows it."
        ),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )
    link_url = models.URLField(blank=True, verbose_name=_("URL"))
    phone = PhoneNumberField(
        blank=True,
        help_text=_(
            "Empty: the 24/7 phone of the site the button is shown on. Any common format, "
            "e.g. 877.474.2225 or +1 877 474 2225."
        ),
    )

    # The same number in every language: copied, not translated.
    override_translatable_fields = [SynchronizedField("phone")]

    panels = [
        FieldPanel("kind"),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("button_label"),
        MultiFieldPanel(
            [
                SnippetPageChooserPanel("link_page"),
                FieldPanel("link_url"),
                FieldPanel("phone"),
            ],
            heading=_("Target"),
            help_text=_(
                "Fill in the one that matches the kind; a phone call may leave its number "
                "empty to dial the site's 24/7 phone."
            ),
        ),
    ]

    search_fields = [
        index.SearchField("heading"),
        index.SearchField("text"),
        index.AutocompleteField("heading"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("kind", writable=True),
        APIField("heading", writable=True),
        APIField("text", writable=True),
        APIField("button_label", writable=True),
        APIField("link_page", writable=True),
        APIField("link_url", writable=True),
        APIField("phone", writable=True),
        APIField("action"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")
        ordering = ["heading"]

    def __str__(self):
        return self.heading

    def clean(self):
        super().clean()
        if self.link_page_id and self.link_url:
            message = _("Choose a page or enter a URL, not both.")
            raise ValidationError({"link_page": message, "link_url": message})
        targets = {
            self.Kind.PAGE: ("link_page", self.link_page_id),
            self.Kind.URL: ("link_url", self.link_url),
            self.Kind.PHONE: ("phone", self.phone),
        }
        # A phone call without a number of its own dials the site's 24/7 phone.
        needs_target = self.kind != self.Kind.PHONE
        if needs_target and not any(value for _field, value in targets.values()):
            raise ValidationError(_("Choose a page, enter a URL or enter a phone number."))
        kind_name = {"kind": self.get_kind_display().lower()}
        errors = {}
        for kind, (field, value) in targets.items():
            if kind == self.kind and needs_target and not value:
                errors[field] = _("This call to action is a %(kind)s: fill this in.") % kind_name
            elif kind != self.kind and value:
                errors[field] = _("Leave this empty for a %(kind)s.") % kind_name
        if PHONE_PLACEHOLDER in self.button_label and self.kind != self.Kind.PHONE:
            errors["button_label"] = _("Only a phone call has a number to show as {phone}.")
        if "link_page" not in errors:
            errors.update(snippet_page_errors(self, {"link_page": self.link_page}))
        if errors:
            raise ValidationError(errors)

    @property
    def target_page(self):
        """The linked page in this call to action's language where it is translated and live.

        Translations copy the page link unchanged, so a Spanish call to action still names
        the English page.
        """
        if self.link_page is None or self.link_page.locale_id == self.locale_id:
            return self.link_page
        translation = self.link_page.get_translation_or_none(self.locale_id)
        return translation if translation is not None and translation.live else self.link_page

    @property
    def url(self):
        if self.kind == self.Kind.PHONE:
            return self.phone_url(self.phone_on_site(None))
        if self.kind == self.Kind.PAGE:
            return self.target_page.url if self.link_page else ""
        return self.link_url

    @property
    def phone_display(self):
        return display_phone(self.phone)

    def phone_on_site(self, site_id):
        """The number the button dials on a site: its own, else that site's 24/7 phone
        (the default site's when shown outside any site)."""
        return self.phone or SiteSettings.phone_of_site(site_id)

    @staticmethod
    def phone_url(phone):
        return f"tel:{phone}" if phone else ""

    def label_with_phone(self, phone):
        """The button label with {phone} written as the site shows the number dialled."""
        return self.button_label.replace(PHONE_PLACEHOLDER, display_phone(phone))

    @property
    def action(self):
        """The resolved target, as blocks serve it: kind, label, absolute URL, phone forms."""
        return representation.call_to_action_data(self)

    def get_preview_template(self, request, mode_name):
        return "blocks/call_to_action_preview.html"


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """What each site shows around its pages: name, brand, 24/7 phone, footer."""

    organization_name = models.CharField(max_length=120, default="North American Spine")
    # Brand (one per site): logo and theme colours, rendered as CSS variables in base.html.
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header beside the organization name."),
    )
    brand_colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[validate_theme_colour],
        help_text=_("Header, links and buttons, e.g. #0b4f5c. Empty: the default theme."),
    )
    accent_colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[validate_theme_colour],
        help_text=_("Calls to action and focus rings, e.g. #b34700. Empty: the default theme."),
    )
    phone_24_7 = PhoneNumberField(blank=True, verbose_name=_("24/7 phone"))
    phone_banner_text = models.CharField(
        max_length=120,
        default="We’re available 24/7. Call us anytime.",
        help_text=_("Shown in the header beside the 24/7 phone number."),
    )
    footer_text = models.TextField(blank=True)

    panels = [
        FieldPanel("organization_name"),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("brand_colour", widget=ColourContrastInput(DEFAULT_BRAND_COLOUR)),
                FieldPanel("accent_colour", widget=ColourContrastInput(DEFAULT_ACCENT_COLOUR)),
            ],
            heading=_("Brand"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone_24_7"), FieldPanel("phone_banner_text")], heading=_("24/7 phone")
        ),
        InlinePanel("default_calls_to_action", heading=_("Default calls to action"), max_num=4),
        FieldPanel("footer_text"),
        SiteTextsPanel(heading=_("Site texts in each language")),
        InlinePanel("social_links", heading=_("Social links")),
    ]

    #: Every page's header and structured data show the logo: read with the settings, which
    #: are kept per content generation (for_site), so no request reads it again.
    select_related = ["logo"]

    class Meta:
        verbose_name = _("site settings")

    @property
    def phone_24_7_display(self):
        return display_phone(self.phone_24_7)

    @classmethod
    def for_site(cls, site):
        # Every page shows them: read once per content generation, not once per request.
        read = super().for_site

        def with_social_links():
            settings = read(site)
            # Held by the instance (modelcluster), so kept and read with it.
            settings.social_links = list(settings.social_links.all())
            return settings

        return prefetch.remember_per_generation(
            ("site-settings", site.pk if site else None), with_social_links
        )

    @classmethod
    def for_site_id(cls, site_id):
        """A site's settings (with their logo) by the site's id, read once per content
        generation. Never written: a site that has none yet gets the defaults, which is what
        for_site would create; an API read must not change content."""
        return prefetch.remember_per_generation(
            ("site-settings-of-id", site_id),
            lambda: cls.base_queryset().filter(site_id=site_id).first() or cls(site_id=site_id),
        )

    @classmethod
    def phone_of_site(cls, site_id):
        """A site's 24/7 phone in E.164 ("" when none), read once per request or API answer."""
        sites = {"site_id": site_id} if site_id is not None else {"site__is_default_site": True}
        return prefetch.remember_per_generation(
            ("site-phone", site_id),
            lambda: cls.objects.filter(**sites).values_list("phone_24_7", flat=True).first() or "",
        )

    @property
    def theme_css(self):
        """Declarations for :root, e.g. "--color-brand: #0b4f5c; ...", or "" for the defaults."""
        variables = theme_variables(self.brand_colour, self.accent_colour)
        return " ".join(f"{name}: {value};" for name, value in variables.items())

    @property
    def theme_version(self):
        """Changes with the colours, so that browsers and caches fetch the new stylesheet."""
        return theme_version(self.theme_css)


class LinkRow(Orderable):
    """One row of an ordered list of links that a page or a site's settings holds.

    A subclass declares its ParentalKey and the foreign key to what the row
    links to, and names that field in ``linked_field``; the row's editor panel
    (unless the subclass declares its own, e.g. a scoped page chooser) and its
    API field follow from it. A subclass whose rows must be
    unique states its constraint in ``class Meta(LinkRow.Meta)``.
    """

    linked_field = None

    class Meta(Orderable.Meta):
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.linked_field:
            if "panels" not in cls.__dict__:
                cls.panels = [FieldPanel(cls.linked_field)]
            cls.api_fields = [APIField(cls.linked_field, writable=True)]


class SiteCallToAction(LinkRow):
    settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="default_calls_to_action"
    )
    call_to_action = models.ForeignKey(CallToAction, on_delete=models.CASCADE, related_name="+")

    linked_field = "call_to_action"


class SocialLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="social_links")
    platform = models.CharField(max_length=40, help_text=_("e.g. Facebook, YouTube"))
    url = models.URLField()

    panels = [FieldPanel("platform"), FieldPanel("url")]
