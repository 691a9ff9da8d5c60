"""Words around every page (header banner, footer) in each language.

Site settings are one record per site and cannot be translated; their text is
the default language's. A ``SiteText`` snippet in another language, translated
with wagtail-localize like any snippet, replaces that text on the pages of that
language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import TranslatableMixin


class SiteText(TranslatableMixin, models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    phone_banner_text = models.CharField(
        max_length=120, blank=True, help_text=_("Shown in the header beside the 24/7 phone number.")
    )
    footer_text = models.TextField(blank=True)

    panels = [FieldPanel("site"), FieldPanel("phone_banner_text"), FieldPanel("footer_text")]

    api_fields = [
        APIField("site"),
        APIField("phone_banner_text"),
        APIField("footer_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site text")
        verbose_name_plural = _("site texts")
        constraints = [
            models.UniqueConstraint(fields=["site", "locale"], name="unique_site_text_per_language")
        ]

    def __str__(self):
        return f"{self.site} ({self.locale})"

    @classmethod
    def in_language(cls, site, locale):
        """The site's text in ``locale``, or None."""
        return cls.objects.filter(site=site, locale=locale).first()
