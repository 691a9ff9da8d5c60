"""The site settings' colour fields: a text box, a colour picker and the contrast shown live."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.theme import HEX_COLOUR, contrast_messages, contrast_report


class ColourContrastInput(forms.TextInput):
    """A #rrggbb text box paired with a colour picker, a sample of white text on the colour
    and its WCAG AA result, which core/js/colour-contrast.js updates as the editor types.

    The result is worded (never shown by colour alone) and sits in a live region that the
    text box names as its description. The server's validation (core.theme) stays the
    authority: the script only tells early what saving would say.
    """

    template_name = "core/widgets/colour_contrast_input.html"

    class Media:
        js = ["core/js/colour-contrast.js"]
        css = {"all": ["core/css/colour-contrast.css"]}

    def __init__(self, default_colour, attrs=None):
        #: What the site shows when the field is empty (site.css), for the picker to start at.
        self.default_colour = default_colour
        super().__init__(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": 7,
                "data-colour-contrast-target": "text",
                "data-action": "input->colour-contrast#type",
                **(attrs or {}),
            }
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        colour = widget["value"] or ""
        result_id = f"{widget['attrs']['id']}-contrast"
        described_by = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{described_by} {result_id}".strip()
        outcome, message = contrast_report(colour)
        widget.update(
            result_id=result_id,
            picker_label=_("Colour picker"),
            sample_text=_("Sample text"),
            picker_value=(colour if HEX_COLOUR.match(colour) else self.default_colour).lower(),
            default_colour=self.default_colour,
            outcome=outcome,
            message=message,
            messages=contrast_messages(),
        )
        return context
