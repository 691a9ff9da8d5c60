"""A slug already taken in a section, explained to the editor: which field, which page.

The usual cause is an abandoned "add page" form that autosave kept as a draft; a second
attempt with the same title then meets that draft's slug, so the message offers it.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def page_holding_slug(parent, slug, page=None):
    """The sibling under ``parent`` whose slug is ``slug`` (other than ``page``), or None."""
    if parent is None or not slug:
        return None
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.not_page(page)
    return siblings.filter(slug=slug).first()


def _describe(holder):
    return _("draft") if not holder.live else _("page")


def slug_taken_text(holder):
    """Plain text, for the autosave indicator's tooltip."""
    return _(
        "Slug (Promote tab): “%(slug)s” is already the address of the %(state)s “%(title)s” "
        "in this section. Open that %(state)s from the page explorer, or change the slug."
    ) % {"slug": holder.slug, "state": _describe(holder), "title": holder.title}


def slug_taken_html(holder):
    """The form's error on the slug field, with a link to the page that holds it."""
    return format_html(
        _(
            "“{slug}” is already the address of the {state} “{title}” in this section. "
            '<a href="{url}">Edit that {state}</a>, or change the slug.'
        ),
        slug=holder.slug,
        state=_describe(holder),
        title=holder.title,
        url=reverse("wagtailadmin_pages:edit", args=[holder.pk]),
    )
