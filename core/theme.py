"""A site's theme: brand colours as CSS custom properties, checked for WCAG AA contrast."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: White text on a brand colour (buttons, header bars) must reach WCAG 2.1 AA for normal text.
MIN_CONTRAST_WITH_WHITE = 4.5
#: The colours of site.css's :root, which a site with empty colour settings shows.
DEFAULT_BRAND_COLOUR = "#0b4f5c"
DEFAULT_ACCENT_COLOUR = "#b34700"
#: How much darker the "-dark" variants (hover, pressed) are than the colour itself.
DARKEN_FACTOR = 0.78


def _channels(colour):
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def relative_luminance(colour):
    def linear(channel):
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour):
    return 1.05 / (relative_luminance(colour) + 0.05)


def darken(colour, factor=DARKEN_FACTOR):
    return "#" + "".join(f"{round(channel * factor):02x}" for channel in _channels(colour))


FORMAT_MESSAGE = _("Enter a colour as # and six hexadecimal digits, e.g. #0b4f5c.")


def validate_theme_colour(value):
    """A #rrggbb colour dark enough to carry white text."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(FORMAT_MESSAGE)
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST_WITH_WHITE:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; choose a darker "
                "colour (at least %(minimum).1f:1)."
            )
            % {"ratio": ratio, "minimum": MIN_CONTRAST_WITH_WHITE}
        )


def contrast_messages():
    """What an editor is told of a colour while typing it, one message per outcome.

    ``{ratio}`` stands for the contrast with white text, written with one decimal; the
    colour field's script (core/static/core/js/colour-contrast.js) fills it in as the
    editor types, and ``contrast_report`` when the form is shown.
    """
    minimum = {"minimum": f"{MIN_CONTRAST_WITH_WHITE:.1f}"}
    return {
        "empty": str(_("Empty: the site keeps the default theme's colour.")),
        "invalid": str(FORMAT_MESSAGE),
        "pass": _("White text on this colour: {ratio}:1. WCAG AA: pass (at least %(minimum)s:1).")
        % minimum,
        "fail": _(
            "White text on this colour: {ratio}:1. WCAG AA: fail (at least %(minimum)s:1); "
            "choose a darker colour."
        )
        % minimum,
    }


def contrast_outcome(colour):
    """("empty" | "invalid" | "pass" | "fail", contrast with white or None), by the rule of
    validate_theme_colour."""
    if not colour:
        return "empty", None
    if not HEX_COLOUR.match(colour):
        return "invalid", None
    ratio = contrast_with_white(colour)
    return ("pass" if ratio >= MIN_CONTRAST_WITH_WHITE else "fail"), ratio


def contrast_report(colour):
    """The outcome and the message an editor reads under a colour field."""
    outcome, ratio = contrast_outcome(colour)
    message = contrast_messages()[outcome]
    return outcome, message if ratio is None else message.replace("{ratio}", f"{ratio:.1f}")


def theme_variables(brand_colour, accent_colour):
    """The CSS custom properties that override the defaults of site.css, name to value."""
    variables = {}
    if brand_colour:
        variables["--color-brand"] = brand_colour.lower()
        variables["--color-brand-dark"] = darken(brand_colour.lower())
    if accent_colour:
        variables["--color-accent"] = accent_colour.lower()
        variables["--color-accent-dark"] = darken(accent_colour.lower())
    return variables


def theme_version(theme_css):
    """A short fingerprint of a site's theme declarations, for its stylesheet's address."""
    return hashlib.sha256(theme_css.encode()).hexdigest()[:12]
