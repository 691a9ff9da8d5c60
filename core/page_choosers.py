"""Page choosers for relations (conditions treated, procedures offered): they open at the
related pages' index on the edited page's site and in its language, and offer only the pages
``core.relations`` allows.

``RelatedPageChooserPanel`` swaps its field's widget for a ``RelatedPageChooser`` that knows the
edited page; the chooser modal sends that page's id as ``related_to``, which Wagtail's chooser
views keep in every link and search of the modal, and ``core.wagtail_hooks`` narrows the
``construct_page_chooser_queryset`` to it. ``SnippetPageChooserPanel`` does the same for a
translatable snippet's page field (a call to action's page, a testimonial's condition) with the
snippet's locale, as ``in_locale``.

The page choosers a page editor opens for links, in StreamField blocks (cards, listings) and
in rich text, are Wagtail's own: ``core/static/core/js/linked-page-chooser.js`` sends the edited
page's id with them as ``linked_from``, and they offer what ``linkable_pages`` allows, opening
at ``link_chooser_start``.
"""

from django.db.models import Q
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Locale, Page, Site

from core.relations import page_site

#: The chooser's GET parameter naming the edited page (or the new page's parent).
RELATED_TO_PARAMETER = "related_to"
#: The link choosers' GET parameter naming the edited page (or the new page's parent).
LINKED_FROM_PARAMETER = "linked_from"
#: The chooser's GET parameter naming the locale of the edited snippet.
IN_LOCALE_PARAMETER = "in_locale"
#: The largest id a database key holds (a bigint): larger ones name nothing.
MAX_ID = 2**63 - 1


def locale_id_named(digits):
    """The locale id ``digits`` names, or None past what a key holds: Django bounds an
    integer field's lookups but not a foreign key's, and SQLite refuses larger integers."""
    return int(digits) if int(digits) <= MAX_ID else None


def site_root_in_language(page):
    """The home page of ``page``'s site in ``page``'s language, or None."""
    site = page_site(page)
    if site is None:
        return None
    return site.root_page.get_translation_or_none(page.locale_id)


def relatable_pages(pages, page):
    """``pages`` narrowed to what ``page`` may relate to, and the ancestors to browse from.

    Narrowed by ids: the chooser's search filters only on the search index's filter fields.
    """
    root = site_root_in_language(page)
    if root is None:
        return pages.none()
    shared_originals = Page.objects.descendant_of(root).filter(alias_of__isnull=False)
    relatable = Page.objects.filter(
        Q(alias_of__isnull=True)
        & (
            Q(path__startswith=root.path)
            | Q(pk__in=shared_originals.values("alias_of_id"))
            | Q(pk__in=Page.objects.ancestor_of(root).values("pk"))
        )
    )
    return pages.filter(pk__in=list(relatable.values_list("pk", flat=True)))


def pages_in_locale(pages, locale_id):
    """``pages`` narrowed to what a snippet in that locale may name (core.relations): its
    language's pages, no alias; the tree root stays, to browse from. No locale (None), no
    page but the root.

    Narrowed by ids, as ``relatable_pages``.
    """
    offered = Page.objects.filter(Q(locale_id=locale_id, alias_of__isnull=True) | Q(depth=1))
    return pages.filter(pk__in=list(offered.values_list("pk", flat=True)))


def linkable_pages(pages, page):
    """``pages`` narrowed to what a block or a rich-text link of ``page`` may link, and the
    tree root to browse from: what ``core.relations.validate_relations`` accepts in blocks,
    i.e. ``relation_error`` with ``own_aliases``.

    Pages of ``page``'s site (its aliases included) and the originals the site shows through
    its aliases, in ``page``'s language or the default one. Narrowed by ids, as
    ``relatable_pages``.
    """
    site = page_site(page)
    if site is None:
        return pages.none()
    on_site = _site_pages(site)
    shown_originals = Page.objects.filter(on_site, alias_of__isnull=False).values("alias_of_id")
    offered = Page.objects.filter(
        Q(locale_id__in={page.locale_id, Locale.get_default().pk})
        & (on_site | Q(alias_of__isnull=True, pk__in=shown_originals))
        | Q(depth=1)
    )
    return pages.filter(pk__in=list(offered.values_list("pk", flat=True)))


def _site_pages(site):
    """A filter for the pages ``core.relations.page_site`` places on ``site``: under one of
    its root paths (one per language), not under a deeper root of another site."""
    root_paths = [(site_id, path) for site_id, path, _url, _lang in Site.get_site_root_paths()]
    own = [path for site_id, path in root_paths if site_id == site.pk]
    deeper = [
        path
        for site_id, path in root_paths
        if site_id != site.pk and any(path != mine and path.startswith(mine) for mine in own)
    ]
    under = Q()
    for path in own:
        under |= Q(url_path__startswith=path)
    for path in deeper:
        under &= ~Q(url_path__startswith=path)
    return under


def link_chooser_start(page, page_models):
    """Where a link chooser of ``page`` opens: the site's home in ``page``'s language, or, for
    pages of given types, the index where those of the home's tree live."""
    home = site_root_in_language(page)
    if home is None or page_models == (Page,):
        return home
    offered = linkable_pages(Page.objects.type(*page_models), page).descendant_of(home)
    return offered.first_common_ancestor() if offered.exists() else home


def page_worked_on(user, page_id):
    """The page ``page_id`` when ``user`` edits it or adds pages under it (the edited page or
    the parent of a new one), else None: another brand's page names no scope for its editor."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    permissions = page.permissions_for_user(user)
    return page if permissions.can_edit() or permissions.can_add_subpage() else None


def edited_page(request):
    """The page an admin page editor works on: the page edited, or the new page's parent."""
    match = request.resolver_match
    page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
    return Page.objects.filter(pk=page_id).first() if page_id else None


class RelatedPageChooser(AdminPageChooser):
    js_constructor = "RelatedPageChooser"

    def __init__(self, *args, related_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.related_to = related_to

    @property
    def base_js_init_options(self):
        return {**super().base_js_init_options, "relatedTo": self.related_to.pk}

    def get_js_init_options(self, id_, name, value_data):
        opts = super().get_js_init_options(id_, name, value_data)
        if "parentId" not in opts and (start_page_id := self.start_page_id()) is not None:
            opts["parentId"] = start_page_id
        return opts

    def start_page_id(self):
        """The index the chooser opens at: where the pages it offers live."""
        offered = relatable_pages(Page.objects.type(*self.target_models), self.related_to)
        if not offered.exists():
            return None
        return offered.first_common_ancestor().pk


class RelatedPageChooserPanel(FieldPanel):
    """A page chooser panel for a relation, in an admin page editor."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            page = edited_page(self.request) if self.request else None
            if page is not None and self.bound_field is not None:
                field = self.bound_field.field
                field.widget = RelatedPageChooser(
                    target_models=field.widget.target_models, related_to=page
                )


class SnippetPageChooser(AdminPageChooser):
    """A page chooser for a translatable snippet's page field: it offers the pages of the
    snippet's language (``pages_in_locale``) and opens where those of its type live."""

    js_constructor = "RelatedPageChooser"

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale

    @property
    def base_js_init_options(self):
        return {**super().base_js_init_options, "inLocale": self.locale.pk}

    def get_js_init_options(self, id_, name, value_data):
        opts = super().get_js_init_options(id_, name, value_data)
        offered = pages_in_locale(Page.objects.type(*self.target_models), self.locale.pk)
        if "parentId" not in opts and offered.exists():
            opts["parentId"] = offered.first_common_ancestor().pk
        return opts


class SnippetPageChooserPanel(FieldPanel):
    """A page chooser panel for a translatable snippet's page field."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is not None and self.instance is not None:
                instance = self.instance
                locale = instance.locale if instance.locale_id else instance.get_default_locale()
                field = self.bound_field.field
                field.widget = SnippetPageChooser(
                    target_models=field.widget.target_models, locale=locale
                )
