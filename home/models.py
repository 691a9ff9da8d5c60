from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.admin_forms import ContentPageForm
from core.claims import SubstantiatedClaimsMixin
from core.models import APIPageMixin, CallToAction
from core.relations import validate_relations
from home.blocks import HomeBodyBlock
from localization.regulated import RegulatedTextMixin
from localization.routing import LanguagePrefixRoutingMixin
from serialization import prefetch, representation
from serialization.content_scope import ContentScope


class HomePage(
    SubstantiatedClaimsMixin, LanguagePrefixRoutingMixin, RegulatedTextMixin, APIPageMixin, Page
):
    hero_heading = models.CharField(max_length=150)
    hero_text = models.TextField(blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_call_to_action = models.ForeignKey(
        "cms.CallToAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("primary call to action"),
    )
    body = StreamField(HomeBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_call_to_action"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
    ]

    api_fields = APIPageMixin.common_api_fields + [
        APIField("hero_heading", writable=True),
        APIField("hero_text", writable=True),
        APIField("hero_image", writable=True),
        APIField("hero"),
        APIField("hero_call_to_action", writable=True),
        APIField("primary_call_to_action"),
        APIField("body", writable=True),
    ]

    # No subpage_types: each page type names its parents in its own parent_page_types.
    parent_page_types = ["wagtailcore.Page"]
    base_form_class = ContentPageForm

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        validate_relations(self)

    @prefetch.api_property
    def hero(self):
        return representation.image_data(prefetch.cached_image(self, "hero_image"))

    @prefetch.api_property
    def primary_call_to_action(self):
        call_to_action = prefetch.cached(
            CallToAction, self.hero_call_to_action_id, lambda: self.hero_call_to_action
        )
        return representation.call_to_action_data(call_to_action, scope=ContentScope.of_page(self))

    @classmethod
    def can_create_at(cls, parent):
        # Only a site root (the tree's root) may hold a home page.
        return super().can_create_at(parent) and parent.is_root()
