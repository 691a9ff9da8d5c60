"""Which pages a page may relate to (conditions treated, procedures offered): its own site's,
in its own language, never an alias.

A relation names a page that visitors are sent to, so a page on another brand's site, or in
another language, leaks that site or language into this page. An alias is another site's copy
of shared content: relations name the original, which each site shows through its own alias.

Two allowances follow from how shared content and translations are stored:

- a site that shows shared content through aliases (the affiliate's procedures are aliases of
  the network's) relates to the aliases' originals;
- a translation keeps its source's relations (wagtail-localize copies the rows unchanged), so
  a page in another language may name pages of the default language.
"""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site


def site_id_of(page):
    """The id of the site ``page`` belongs to, from the cached site root paths (no query);
    None for an unsaved page or one under no site."""
    if not page.path:
        return None
    root_paths = {
        root_path: site_id for site_id, root_path, _url, _lang in Site.get_site_root_paths()
    }
    matching = [path for path in root_paths if page.url_path.startswith(path)]
    return root_paths[max(matching, key=len)] if matching else None


def page_site(page):
    """The site ``page`` belongs to, in any of its languages; an unsaved page has none."""
    site_id = site_id_of(page)
    return None if site_id is None else Site.objects.get(pk=site_id)


def relation_error(page, target, site=None, own_aliases=False):
    """Why ``page`` (or a new page under the same site, ``site``) may not relate to ``target``,
    or None when it may. With ``own_aliases``, an alias on the page's own site may be linked
    (a listing block of the affiliate's home lists the affiliate's own aliases)."""
    site = site or page_site(page)
    if target.alias_of_id and not (
        own_aliases and site is not None and site_id_of(target) == site.pk
    ):
        return _alias_message(target)
    if target.locale_id != page.locale_id and not (
        page.locale_id != Locale.get_default().pk and target.locale_id == Locale.get_default().pk
    ):
        return _language_message(target, page.locale)
    if site is not None and not _shown_on_site(target, site):
        return _("“%(title)s” belongs to another site: choose a page of %(site)s.") % {
            "title": target.title,
            "site": site.site_name or site.hostname,
        }
    return None


def _alias_message(target):
    return _("“%(title)s” is an alias of another page: choose the original page.") % {
        "title": target.title
    }


def _language_message(target, locale):
    return _("“%(title)s” is in %(language)s: choose a page in %(page_language)s.") % {
        "title": target.title,
        "language": target.locale.get_display_name(),
        "page_language": locale.get_display_name(),
    }


def _shown_on_site(target, site):
    if site_id_of(target) == site.pk:
        return True
    # Shared content: the site shows the target through an alias of its own.
    aliases = Page.objects.filter(alias_of=target).only("path", "url_path")
    return any(site_id_of(alias) == site.pk for alias in aliases)


def relation_errors(page, relations, site=None, own_aliases=False):
    """Errors by relation name, for ``relations`` ({name: target pages}) of ``page``."""
    # Looked up once for all the targets: a publish validates the page more than once.
    site = site or page_site(page)
    errors = {}
    for name, targets in relations.items():
        messages = [
            message
            for target in targets
            if target is not None and (message := relation_error(page, target, site, own_aliases))
        ]
        if messages:
            errors[name] = messages
    return errors


def stream_choices(page):
    """{label: pages} chosen in the page choosers of ``page``'s StreamFields."""
    choices = {}
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            pages = []
            for child in getattr(page, field.attname) or []:
                _collect_pages(child.block, child.value, pages)
            choices[capfirst(field.verbose_name)] = pages
    return choices


def _collect_pages(block, value, pages):
    if value is None:
        return
    if isinstance(block, blocks.PageChooserBlock):
        pages.append(value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _collect_pages(child_block, value.get(name), pages)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            _collect_pages(block.child_block, item, pages)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _collect_pages(child.block, child.value, pages)


def validate_relations(page, relations=None):
    """Refuses the relations of ``page`` it may not have, naming each: ``relations`` ({label:
    target pages}, e.g. inline rows) and the pages chosen in its StreamFields. For every way of
    saving; the admin's forms put the errors of inline rows on their fields before this.

    Blocks link pages for visitors to follow, so they may link aliases on the page's own site;
    inline rows name the original, which every site shows through its alias. An alias is not
    checked: it follows its original, which is.
    """
    if page.alias_of_id:
        return
    errors = {
        **relation_errors(page, relations or {}),
        **relation_errors(page, stream_choices(page), own_aliases=True),
    }
    messages = [f"{label}: {message}" for label, found in errors.items() for message in found]
    if messages:
        raise ValidationError(messages)


def snippet_page_errors(snippet, chosen):
    """{field name: why it may not name that page} for the page fields of a translatable
    snippet (a call to action's page, a testimonial's condition), ``chosen`` being
    {field name: page or None}.

    A snippet is shown in its own language, so it names pages of that language; and never an
    alias, since every site shows shared content through its own alias of the original. A
    translation keeps the page its source names: wagtail-localize copies page links
    unchanged, and the snippet shows that page's live translation where there is one. A
    snippet belongs to no site, so no site is checked.
    """
    # A new snippet gets its locale when first saved, after it is validated.
    locale = snippet.locale if snippet.locale_id else snippet.get_default_locale()
    errors = {}
    for field_name, target in chosen.items():
        if target is None:
            continue
        if target.alias_of_id:
            errors[field_name] = _alias_message(target)
        elif target.locale_id != locale.pk and not _kept_from_source(snippet, field_name, target):
            errors[field_name] = _language_message(target, locale)
    return errors


def _kept_from_source(snippet, field_name, target):
    """Whether ``snippet``'s version in ``target``'s language names ``target`` too."""
    attname = snippet._meta.get_field(field_name).attname
    return (
        type(snippet)
        ._default_manager.filter(
            translation_key=snippet.translation_key,
            locale_id=target.locale_id,
            **{attname: target.pk},
        )
        .exclude(pk=snippet.pk)
        .exists()
    )
