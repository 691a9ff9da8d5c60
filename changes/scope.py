"""What a sync reader may see: which sites, languages and page types.

The sync view asks ``for_request(request)``. Anonymous readers get the public
scope: the live pages of the request's site (or of ``?site=``) in every
language, behind no view restriction, exactly as the v2 page listing shows
them. Partner keys plug in with ``register(resolver)``: a resolver takes the
request and answers a ``Scope``, or None to leave the request to the others.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site, get_page_models

from serialization import visibility

_resolvers = []


@dataclass(frozen=True)
class Scope:
    """Live pages no view restriction covers, on ``site_ids``, in ``locale_codes`` (None: all
    languages), of the page models ``page_types`` (None: every type)."""

    site_ids: frozenset
    locale_codes: frozenset | None = None
    page_types: frozenset | None = None

    def pages(self):
        """The pages a reader of this scope may fetch, as the v2 listing would give them."""
        queryset = Page.objects.live()
        for restriction in visibility.view_restrictions():
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
        paths = [
            path
            for site in Site.objects.filter(pk__in=self.site_ids)
            for path in visibility.site_tree_paths(site)
        ]
        if not paths:
            return queryset.none()
        queryset = queryset.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))
        if self.locale_codes is not None:
            queryset = queryset.filter(locale__language_code__in=self.locale_codes)
        if self.page_types is not None:
            queryset = queryset.filter(content_type__in=self._content_types())
        return queryset

    def events(self, queryset):
        """The page events of ``queryset`` that this scope's readers are told of."""
        queryset = queryset.filter(
            site_id__in=self.site_ids, content_type__in=self._content_types()
        )
        if self.locale_codes is not None:
            queryset = queryset.filter(locale_code__in=self.locale_codes)
        return queryset

    def _content_types(self):
        models = self.page_types if self.page_types is not None else get_page_models()
        return list(ContentType.objects.get_for_models(*models).values())


def public_scope(request):
    """What anyone may read: the public pages of the site the request names."""
    site = visibility.requested_site(request)
    return Scope(site_ids=frozenset({site.pk}) if site else frozenset())


def register(resolver):
    """Let ``resolver(request) -> Scope | None`` decide the scope of the requests it knows."""
    _resolvers.append(resolver)


def for_request(request):
    for resolver in _resolvers:
        scope = resolver(request)
        if scope is not None:
            return scope
    return public_scope(request)
