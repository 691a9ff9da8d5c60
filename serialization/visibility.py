"""Which pages the public API shows: live, on the requested site, behind no view restriction.

Wagtail's own public-pages queryset reads every view restriction and the
request's site each time it is built; within an API request these are read
once (through the scope) and shared by the page querysets of v2 and v3 and by
the cards that one page shows of another.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction, Site

from serialization import prefetch


def view_restrictions():
    return prefetch.remember_per_generation(
        "view-restrictions", lambda: list(PageViewRestriction.objects.select_related("page"))
    )


def is_restricted(page):
    """Whether a password, login or group restriction covers the page.

    Public answers may be kept by shared caches, so a restricted page is left
    out for everyone, even for a caller whose session could open it.
    """
    return any(page.path.startswith(r.page.path) for r in view_restrictions())


def requested_site(request):
    """The site that ?site=host[:port] names, else the one the request's own host names."""
    name = request.GET.get("site")
    return prefetch.remember_per_generation(
        ("site", name, request.get_host()),
        lambda: SiteFilterValidator(site=name, request=request).site_obj,
    )


def public_pages(request, model=Page):
    """Live pages of the requested site that no view restriction covers.

    Raises ValueError when ?site= matches several sites.
    """
    queryset = model._default_manager.all().live()
    for restriction in view_restrictions():
        queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    site = requested_site(request)
    if site is None:
        return queryset.none()
    tree_paths = site_tree_paths(site)
    if not tree_paths:
        return queryset.none()
    # By tree path, which the search backends can filter on (url_path is not indexed),
    # so that ?search= works on the public queryset.
    in_site = reduce(or_, (Q(path__startswith=path) for path in tree_paths))
    return queryset.filter(in_site)


def site_tree_paths(site):
    """The tree paths of the site's root page and of its translations, read once per request."""
    url_paths = [root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk]
    return prefetch.remember_per_generation(
        ("site-tree-paths", site.pk),
        lambda: list(Page.objects.filter(url_path__in=url_paths).values_list("path", flat=True)),
    )
