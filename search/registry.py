"""Which models the site search lists, and how each shows as a result.

A model takes part by inheriting ``SiteSearchable`` (or, for pages,
``SiteSearchablePage``) and declaring its own ``search_fields``; the search
view finds them among Wagtail's indexed models, so it holds no list of its own.
"""

from django.utils.functional import classproperty
from django.utils.text import capfirst
from modelsearch.index import get_indexed_models


class SiteSearchable:
    """A model whose instances visitors find through the site search.

    ``search_result_type`` labels the result (e.g. "Procedure"); the default
    is the model's verbose name.
    """

    search_result_type = None

    @classproperty
    def search_result_type_label(cls):
        return capfirst(cls.search_result_type or cls._meta.verbose_name)

    @classmethod
    def site_search_queryset(cls, locale, site=None):
        """What a visitor to ``site`` in ``locale`` may find (must filter on FilterFields only)."""
        return cls._default_manager.filter(locale_id=locale.pk)

    def get_search_result_title(self):
        return str(self)

    def get_search_result_summary(self):
        return getattr(self, "summary", "")

    def get_search_result_url(self, request=None):
        raise NotImplementedError


class SiteSearchablePage(SiteSearchable):
    """A page type whose live, public pages the site search lists."""

    @classmethod
    def site_search_queryset(cls, locale, site=None):
        pages = cls.objects.live().public().filter(locale=locale)
        if site is not None:
            pages = pages.descendant_of(search_root(site, locale), inclusive=True)
        return pages

    def get_search_result_title(self):
        return self.title

    def get_search_result_summary(self):
        return getattr(self, "summary", "") or self.search_description

    def get_search_result_url(self, request=None):
        return self.get_url(request)


def search_root(site, locale):
    """Where ``site``'s search in ``locale`` looks: each site searches its own pages, and a
    language's pages hang under that language's translation of the site's root."""
    return site.root_page.get_translation_or_none(locale) or site.root_page


def searchable_models():
    """Every concrete indexed model that takes part in the site search."""
    return [
        model
        for model in get_indexed_models()
        if issubclass(model, SiteSearchable) and not model._meta.abstract
    ]
