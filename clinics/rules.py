"""What a local procedure page must hold before it is published, for the form and the model."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

LOCAL_INTRODUCTION_REQUIRED = _(
    "Write the local introduction before publishing: what is particular about this procedure "
    "at this clinic."
)
LOCAL_FACT_REQUIRED = _(
    "Add at least one local fact before publishing (a surgeon, a local testimonial, a direct "
    "phone line or when the procedure is done here), so that this page says something the "
    "shared procedure page does not."
)


def has_text(html):
    """True when rich text holds any visible words (an empty editor leaves bare tags)."""
    return bool(strip_tags(html or "").replace("&nbsp;", " ").strip())
