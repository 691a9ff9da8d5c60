"""What a partner key sees: its sites, locales and content types, nothing else.

The API narrows each queryset it reads with these; an object outside the scope
is then simply not found (a 404), and listings count only what is inside.
A key sees the images that content inside its scope shows (Wagtail's reference
index records which); documents are shared media it sees as the public does.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex, Site, TranslatableMixin

from partners import registry
from partners.models import PartnerKey
from serialization import visibility


def pages_in_scope(queryset, scope):
    """The pages of ``queryset`` under the key's sites, in its locales, of its page types."""
    tree_paths = [
        path
        for site in Site.objects.filter(pk__in=scope.site_ids).select_related("root_page")
        for path in visibility.site_tree_paths(site)
    ]
    if not tree_paths or not scope.locale_ids or not scope.content_type_ids:
        return queryset.none()
    # By tree path, locale and content type: fields the search backends can filter on.
    in_sites = reduce(or_, (Q(path__startswith=path) for path in tree_paths))
    return queryset.filter(
        in_sites,
        locale__in=sorted(scope.locale_ids),
        content_type__in=sorted(scope.content_type_ids),
    )


def objects_in_scope(queryset, scope):
    """The snippets of ``queryset`` when the key names their model: in its locales, of its
    sites, and those its model's syndication rule lets partners read (``partners.registry``)."""
    model = queryset.model
    if ContentType.objects.get_for_model(model).pk not in scope.content_type_ids:
        return queryset.none()
    if issubclass(model, TranslatableMixin):
        queryset = queryset.filter(locale_id__in=sorted(scope.locale_ids))
    if site_field(model) is not None:
        queryset = queryset.filter(site_id__in=sorted(scope.site_ids))
    return registry.syndicated(queryset)


def images_in_scope(queryset, scope):
    """The images of ``queryset`` that the key's pages and snippets show, by the references
    Wagtail's reference index keeps (image choosers, blocks and foreign keys alike)."""
    shown_by = [
        (Page, public_pages_in_scope(scope)),
        *(
            (model, objects_in_scope(model._default_manager.all(), scope))
            for model in registry.scoped_snippet_models()
        ),
    ]
    referencing = reduce(
        or_,
        (
            Q(
                base_content_type=ContentType.objects.get_for_model(model),
                object_id__in=objects.annotate(id_text=Cast("pk", CharField())).values("id_text"),
            )
            for model, objects in shown_by
        ),
    )
    image_ids = ReferenceIndex.objects.filter(
        referencing, to_content_type=ContentType.objects.get_for_model(queryset.model)
    ).values_list("to_object_id", flat=True)
    return queryset.filter(pk__in=sorted({int(pk) for pk in image_ids if pk.isdigit()}))


def public_pages_in_scope(scope):
    pages = pages_in_scope(Page.objects.live(), scope)
    for restriction in visibility.view_restrictions():
        pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def site_field(model):
    """The model's foreign key to a Site, when its objects belong to one site."""
    for field in model._meta.get_fields():
        if field.many_to_one and field.related_model is Site:
            return field
    return None


def site_in_scope(site, scope):
    return site is not None and site.pk in scope.site_ids


def page_in_scope(page, scope):
    """Whether one page (already read) is inside the key's scope."""
    if page.locale_id not in scope.locale_ids or page.content_type_id not in scope.content_type_ids:
        return False
    return any(
        page.path.startswith(path)
        for site in Site.objects.filter(pk__in=scope.site_ids).select_related("root_page")
        for path in visibility.site_tree_paths(site)
    )


@dataclass(frozen=True)
class PartnerScope:
    """What any of a partner's usable keys may read: the union of their scopes."""

    site_ids: frozenset
    locale_ids: frozenset
    content_type_ids: frozenset


def partner_scope(partner, now=None):
    """The union of the scopes of the partner's usable keys (no usable key: an empty scope).

    Read from the database each time, so that a revoked or expired key narrows it at once.
    """
    keys = PartnerKey.objects.usable(now).filter(partner=partner)

    def ids(relation):
        return frozenset(keys.exclude(**{relation: None}).values_list(relation, flat=True))

    return PartnerScope(ids("sites"), ids("locales"), ids("content_types"))
