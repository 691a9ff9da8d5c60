"""Per-site outlines that new procedure, condition and location pages start from."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from locations.blocks import LocationBodyBlock
from locations.models import LocationPage
from outlines import defaults
from procedures.blocks import ConditionBodyBlock, ProcedureBodyBlock
from procedures.models import ConditionPage, ProcedurePage

OUTLINE_HELP = _(
    "The blocks a new page starts with. Text in the form [Replace: …] is guidance: "
    "a page cannot be published until each one is replaced. Leave empty to start "
    "new pages empty."
)


@register_setting(icon="list-ul")
class PageOutlines(BaseSiteSetting):
    """A site's standard outline for each page type that has one, for pages of every
    language of the site.

    A site whose outlines were never saved uses the network's (``outlines.defaults``),
    written in the language of the page that starts from it; a saved outline is the
    site's own text and is used as written.
    """

    procedure_outline = StreamField(
        ProcedureBodyBlock(outline=True),
        blank=True,
        default=defaults.procedure_outline,
        help_text=OUTLINE_HELP,
    )
    condition_outline = StreamField(
        ConditionBodyBlock(outline=True),
        blank=True,
        default=defaults.condition_outline,
        help_text=OUTLINE_HELP,
    )
    location_outline = StreamField(
        LocationBodyBlock(outline=True),
        blank=True,
        default=defaults.location_outline,
        help_text=OUTLINE_HELP,
    )

    panels = [
        FieldPanel("procedure_outline"),
        FieldPanel("condition_outline"),
        FieldPanel("location_outline"),
    ]

    #: Page type -> (the page's outlined field, this setting's field that holds its outline).
    outlined_page_types = {
        ProcedurePage: ("body", "procedure_outline"),
        ConditionPage: ("body", "condition_outline"),
        LocationPage: ("body", "location_outline"),
    }

    class Meta:
        verbose_name = _("page outlines")
        verbose_name_plural = _("page outlines")

    @classmethod
    def of_site(cls, site):
        """The site's outlines, or the network's unsaved defaults (a GET writes nothing)."""
        return cls.objects.filter(site=site).first() or cls(site=site)

    def outline_for(self, page_model):
        """The outline's blocks as raw stream data without block ids, or None."""
        _page_field, outline_field = self.outlined_page_types[page_model]
        return [
            {"type": child["type"], "value": child["value"]}
            for child in getattr(self, outline_field).get_prep_value()
        ]


def start_from_outline(sender, page, parent, **kwargs):
    """Wagtail's ``init_new_page``: a new page of an outlined type starts with its site's
    outline (the admin's "add page" form), in the page's language where it is the
    network's."""
    fields = PageOutlines.outlined_page_types.get(type(page))
    site = parent.get_site()
    if fields is None or site is None:
        return
    page_field, _outline_field = fields
    # The network's outline is built by the field defaults, as the setting is read.
    with translation.override(page.locale.language_code):
        outline = PageOutlines.of_site(site).outline_for(type(page))
    setattr(page, page_field, outline)
