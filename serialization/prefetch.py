"""Bulk loading for API responses, so that the number of queries does not grow with content.

An API request opens a scope (see APIResponseMiddleware). Before pages are
serialized, ``warm_pages`` reads Wagtail's reference index once for all of
them and loads every object their fields and blocks point at, a query per
model; chooser blocks and page properties then read from the scope instead of
querying one object at a time. Website requests have a scope too
(serialization.middleware). Outside a scope (admin, shell) everything falls
back to ordinary queries.
"""

import functools
import hashlib
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import BigIntegerField, Case, OuterRef, Q, Subquery, When
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, TranslatableMixin, get_page_models

from serialization.registry import serialization_of

_current = ContextVar("api_object_scope", default=None)
# The number that moves whenever published content may have changed, given by the
# front cache's app (register_content_generation); None until it does.
_content_generation = None
_NOT_KEPT = object()
# A day: an old generation's values are never read again, the cache drops them.
PER_GENERATION_TIMEOUT = 24 * 60 * 60


class ObjectScope:
    def __init__(self, shared=False):
        self.objects = {}
        self.memo = {}
        # A read-only request may keep what the whole site shares across requests.
        self.shared = shared

    def remember(self, key, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def get_many(self, model, pks):
        """{pk: object} for these primary keys, loading only those not yet in the scope.

        Values that are not ids (hand-written StreamField JSON may hold anything)
        are left out. A page model more specific than Page loads in one query;
        what it does not find stays unknown, for a later lookup by Page to find.
        """
        label = cache_label(model)
        wanted = {pk for pk in map(as_id, pks) if pk is not None}
        missing = [pk for pk in wanted if (label, pk) not in self.objects]
        if missing:
            for obj in load(model, missing):
                self.objects[(label, obj.pk)] = obj
            if model is Page or not issubclass(model, Page):
                for pk in missing:
                    self.objects.setdefault((label, pk), None)
        return {pk: self.objects.get((label, pk)) for pk in wanted}


@contextmanager
def object_scope(shared=False):
    """The bulk-loading scope of one request. ``shared`` for a request that writes
    nothing: it may keep site-wide values for later requests (remember_per_generation)."""
    token = _current.set(ObjectScope(shared))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def current_scope():
    return _current.get()


def as_id(value):
    """A chooser value or reference as a primary key; None for anything that is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value) or None
    return None


def cache_label(model):
    # Pages are cached under the base Page model, as the specific instance.
    return "wagtailcore.page" if issubclass(model, Page) else model._meta.label_lower


def load(model, pks):
    if model is Page:
        return list(Page.objects.filter(pk__in=pks).specific())
    if issubclass(model, Page):
        # The specific type is known (a reference's target, a typed link): one query.
        return list(model.objects.filter(pk__in=pks))
    if issubclass(model, get_image_model()):
        return load_images(model, pks)
    queryset = model.objects.select_related(*serialization_of(model).select_related)
    if issubclass(model, TranslatableMixin):
        return load_with_versions(model, queryset, pks)
    return list(queryset.filter(pk__in=pks))


def load_with_versions(model, queryset, pks):
    """Translatable snippets with their versions in every language, in one query: a
    page shows each in its own language (ContentScope.snippets)."""
    keys = model.objects.filter(pk__in=pks).values("translation_key")
    versions = defaultdict(list)
    for version in queryset.filter(translation_key__in=Subquery(keys)):
        versions[version.translation_key].append(version)
    scope = current_scope()
    if scope is not None:
        for key, group in versions.items():
            scope.memo[(snippet_versions_name(model), key)] = group
    return [version for group in versions.values() for version in group]


def load_images(model, pks):
    """Images with their renditions, from one query of renditions joined to their images.

    Renditions are made when an image is saved, so an image without any is rare;
    those few are loaded by a second query.
    """
    images = {}
    renditions = model.get_rendition_model().objects.filter(image_id__in=pks)
    for rendition in renditions.select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        if not hasattr(image, "prefetched_renditions"):
            image.prefetched_renditions = []
        image.prefetched_renditions.append(rendition)
    bare = set(pks) - set(images)
    if bare:
        for image in model.objects.filter(pk__in=bare):
            image.prefetched_renditions = []
            images[image.pk] = image
    return list(images.values())


def image_ids(objects):
    """The images these objects show, by their registered image fields."""
    for obj in objects:
        if obj is None:
            continue
        for field in serialization_of(type(obj)).image_fields:
            pk = getattr(obj, f"{field}_id")
            if pk is not None:
                yield pk


def cached(model, pk, fallback):
    """The object of ``model`` with ``pk`` from the scope, else ``fallback()``."""
    scope = current_scope()
    if pk is None:
        return None
    if scope is None:
        return fallback()
    return scope.get_many(model, [pk]).get(as_id(pk))


def cached_many(model, pks, fallback):
    scope = current_scope()
    if scope is None:
        return fallback()
    pks = list(pks)
    found = scope.get_many(model, pks)
    return [found[as_id(pk)] for pk in pks if found.get(as_id(pk)) is not None]


def remember(key, compute):
    scope = current_scope()
    return compute() if scope is None else scope.remember(key, compute)


def register_content_generation(source):
    """``source()`` is the content generation: a number that moves forward whenever
    published content may have changed (frontcache.content_changes)."""
    global _content_generation
    _content_generation = source


def remember_per_generation(key, compute):
    """What the whole site shares (view restrictions, sites, settings): read once per
    request and, by a read-only request, kept in the cache until content changes or the
    day does (what is shown may depend on the date alone, e.g. a disclosure's consent).

    A request that writes may hold rows not yet committed, or rolled back later:
    it keeps nothing for others. ``key`` must be picklable and its repr stable.
    """
    scope = current_scope()
    if scope is None or not scope.shared or _content_generation is None:
        return remember(key, compute)
    generation = scope.remember("content-generation", _content_generation)
    today = timezone.localdate().isoformat()
    cache_key = (
        "per-generation:" + hashlib.sha256(f"{generation}:{today}:{key!r}".encode()).hexdigest()
    )

    def kept_or_computed():
        value = cache.get(cache_key, _NOT_KEPT)
        if value is _NOT_KEPT:
            value = compute()
            cache.set(cache_key, value, timeout=PER_GENERATION_TIMEOUT)
        return value

    return scope.remember(key, kept_or_computed)


def remember_if_known(key):
    """What the scope remembers under ``key``; None outside a scope or when nothing is."""
    scope = current_scope()
    return None if scope is None else scope.memo.get(key)


def by_type(keys, models):
    """{page model: keys}: each key under its known type, else under Page. A type that
    other page types extend is not known: its query would miss their own fields."""
    grouped = defaultdict(list)
    for key in keys:
        model = models.get(key, Page)
        grouped[model if model in _leaf_page_types() else Page].append(key)
    return grouped


@functools.cache
def _leaf_page_types():
    models = get_page_models()
    return {
        model
        for model in models
        if not any(issubclass(other, model) for other in models if other is not model)
    }


def specific_pages(queryset):
    """The pages of ``queryset`` as their specific types, kept in the scope when there is one.

    A query of a page type that no other extends is already specific: it is read as is.
    """
    specific = queryset.model in _leaf_page_types()
    pages = list(queryset if specific else queryset.specific())
    scope = current_scope()
    if scope is not None:
        for page in pages:
            scope.objects.setdefault((cache_label(Page), page.pk), page)
    return pages


def memoized_per_key(name, keys, load_missing):
    """{key: value} for these keys, each loaded once per scope; ``load_missing(keys)``
    gives {key: value} for the keys not known yet, in one go."""
    scope = current_scope()
    known = (
        {} if scope is None else {k: scope.memo[(name, k)] for k in keys if (name, k) in scope.memo}
    )
    missing = set(keys) - set(known)
    if missing:
        loaded = load_missing(missing)
        if scope is not None:
            for key, value in loaded.items():
                scope.memo[(name, key)] = value
        known.update(loaded)
    return known


def live_versions(translation_keys, models=None):
    """{translation key: its live pages in every language, specific}, aliases left out.

    ``models``, {translation key: the pages' type} where known, saves the query that
    finds each page's type (a page's translations and aliases share its type).
    """

    def load_missing(keys):
        versions = {key: [] for key in keys}
        for model, model_keys in by_type(keys, models or {}).items():
            live = model.objects.live().filter(translation_key__in=model_keys)
            for page in specific_pages(live.filter(alias_of__isnull=True)):
                versions[page.translation_key].append(page)
        return versions

    return memoized_per_key("live-versions", translation_keys, load_missing)


def snippet_versions(model, translation_keys):
    """{translation key: the translatable snippet's versions in every language}.

    Ordered as the model orders them; their registered foreign keys joined.
    """

    def load_missing(keys):
        versions = {key: [] for key in keys}
        queryset = model._default_manager.filter(translation_key__in=keys)
        for version in queryset.select_related(*serialization_of(model).select_related):
            versions[version.translation_key].append(version)
        return versions

    return memoized_per_key(snippet_versions_name(model), translation_keys, load_missing)


def snippet_versions_name(model):
    return ("snippet-versions", model._meta.label)


def warm_snippet_versions(objects):
    """Load at once the versions of every translatable snippet among these objects, and
    return the pages those versions link to (a call to action's page)."""
    by_model = defaultdict(set)
    for obj in objects:
        if obj is not None and not isinstance(obj, Page) and hasattr(obj, "translation_key"):
            by_model[type(obj)].add(obj.translation_key)
    linked = []
    for model, keys in by_model.items():
        for group in snippet_versions(model, keys).values():
            for version in group:
                linked.extend(joined_pages(version))
    return linked


def joined_pages(instance):
    """The pages that instance's foreign keys point at and that were loaded with it."""
    for field in instance._meta.concrete_fields:
        if not (field.many_to_one and issubclass(field.related_model, Page)):
            continue
        page = field.get_cached_value(instance) if field.is_cached(instance) else None
        if page is not None:
            yield page


def live_aliases(page_ids, models=None):
    """{page id: its live aliases on any site, specific}; ``models`` as for live_versions,
    by page id."""

    def load_missing(ids):
        aliases = {pk: [] for pk in ids}
        for model, model_ids in by_type(ids, models or {}).items():
            for alias in specific_pages(model.objects.live().filter(alias_of_id__in=model_ids)):
                aliases[alias.alias_of_id].append(alias)
        return aliases

    return memoized_per_key("live-aliases", page_ids, load_missing)


def warm_versions(pages):
    """Load for these related pages at once what a content scope reads of them: their
    originals, the live versions of those in every language and the versions' aliases.
    Returns the versions and aliases loaded."""
    originals = get_scope_pages({page.alias_of_id for page in pages if page.alias_of_id})
    originals += [page for page in pages if not page.alias_of_id]
    # A page joined to a snippet is a plain Page; its content type names its own type.
    models = {page.translation_key: page.specific_class or Page for page in originals}
    load_versions_and_aliases(models)
    versions = live_versions(set(models), models)
    loaded = [version for group in versions.values() for version in group]
    aliases = live_aliases({version.pk for version in loaded}, {v.pk: type(v) for v in loaded})
    return loaded + [alias for group in aliases.values() for alias in group]


def load_versions_and_aliases(models):
    """What live_versions and live_aliases give for these translation keys ({key: page
    type}), read in one query per type: a page's live versions and their live aliases."""
    scope = current_scope()
    keys = {key for key in models if ("live-versions", key) not in scope.memo}
    versions, aliases = {key: [] for key in keys}, defaultdict(list)
    for model, model_keys in by_type(keys, models).items():
        own = Q(translation_key__in=model_keys, alias_of__isnull=True)
        alias = Q(
            alias_of__translation_key__in=model_keys,
            alias_of__live=True,
            alias_of__alias_of__isnull=True,
        )
        for page in specific_pages(model.objects.live().filter(own | alias)):
            if page.alias_of_id is None:
                versions[page.translation_key].append(page)
            else:
                aliases[page.alias_of_id].append(page)
    for key, group in versions.items():
        scope.memo[("live-versions", key)] = group
        for version in group:
            scope.memo[("live-aliases", version.pk)] = aliases[version.pk]


def get_scope_pages(ids):
    found = current_scope().get_many(Page, ids)
    return [page for page in found.values() if page is not None]


def warm_pages(pages):
    """Load, for these pages at once, everything their API fields and blocks point at."""
    scope = current_scope()
    if scope is None:
        return
    pages = [page for page in pages if ("warmed", page.pk) not in scope.memo]
    if not pages:
        return
    for page in pages:
        scope.objects[("wagtailcore.page", page.pk)] = page
        scope.memo[("warmed", page.pk)] = True

    wanted = referenced_ids(pages)
    for model, model_pages in group_by_type(pages).items():
        for page_model, ids in serialization_of(model).related_page_ids(model_pages).items():
            wanted[page_model].update(ids)
    images = set(image_ids(pages))
    related_pages, snippets = [], []
    for model, ids in wanted.items():
        if not issubclass(model, get_image_model()):
            loaded = [obj for obj in scope.get_many(model, ids).values() if obj is not None]
            images.update(image_ids(loaded))
            (related_pages if issubclass(model, Page) else snippets).extend(loaded)
    related_pages.extend(warm_snippet_versions(snippets))
    images.update(image_ids(warm_versions(related_pages)))
    images.update(wanted.get(get_image_model(), ()))
    scope.get_many(get_image_model(), images)

    warm_translations_and_ancestors(pages)
    for model, model_pages in group_by_type(pages).items():
        serialization_of(model).prefetch_for(model_pages)
    for page in pages:
        attach_to_page_and_children(page)


def group_by_type(pages):
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    return by_model


def referenced_ids(pages):
    """{model: ids} of what the pages point at, from one reference-index query.

    The index names a page target by the base Page type; the query also reads
    the target's specific type, so that each page model then loads in one query.
    """
    page_type = ContentType.objects.get_for_model(Page)
    target_page = Page.objects.filter(pk=Cast(OuterRef("to_object_id"), BigIntegerField()))
    references = (
        ReferenceIndex.objects.filter(
            base_content_type=page_type, object_id__in=[str(page.pk) for page in pages]
        )
        .annotate(
            page_type_id=Case(
                When(
                    to_content_type=page_type,
                    then=Subquery(target_page.values("content_type_id")[:1]),
                )
            )
        )
        .values_list("to_content_type_id", "page_type_id", "to_object_id")
    )
    wanted = defaultdict(set)
    for content_type_id, page_type_id, object_id in references:
        model = ContentType.objects.get_for_id(page_type_id or content_type_id).model_class()
        pk = as_id(object_id)
        if model is not None and pk is not None:
            wanted[model].add(pk)
    return wanted


def warm_translations_and_ancestors(pages):
    """One query for every page's translations (itself included) and breadcrumb ancestors."""
    scope = current_scope()
    steplen = Page.steplen
    keys = {page.translation_key for page in pages}
    ancestor_paths = {
        page.path[:length]
        for page in pages
        for length in range(2 * steplen, len(page.path), steplen)
    }
    related = (
        Page.objects.filter(Q(translation_key__in=keys) | Q(path__in=ancestor_paths))
        .live()
        .select_related("locale")
    )
    translations = defaultdict(list)
    ancestors = {}
    for other in related:
        if other.translation_key in keys:
            translations[other.translation_key].append(other)
        if other.path in ancestor_paths:
            ancestors[other.path] = other
    locales = {other.pk: other.locale for group in translations.values() for other in group}
    for page in pages:
        scope.memo[("translations", page.translation_key)] = translations[page.translation_key]
        if page.pk in locales:
            Page.locale.field.set_cached_value(page, locales[page.pk])
        parent_path = page.path[:-steplen]
        chain = [ancestors[path] for path in sorted(ancestor_paths) if parent_path.startswith(path)]
        scope.memo[("ancestors", parent_path)] = [a for a in chain if a is not None]
        if chain and chain[-1].path == parent_path:
            # treebeard's get_parent() reads this cache; the API's "parent" meta uses it.
            page._cached_parent_obj = chain[-1]


def remember_grouped(name, pages, pairs):
    """Memoize, per page, the related ids in (page id, related id) pairs; return all of them."""
    scope = current_scope()
    grouped = defaultdict(list)
    for page_id, related_id in pairs:
        grouped[page_id].append(related_id)
    for page in pages:
        scope.memo[(name, page.pk)] = grouped[page.pk]
    return [pk for ids in grouped.values() for pk in ids]


def cached_image(instance, field_name):
    """The image an instance's foreign key points at, from the scope when there is one."""
    if instance._meta.get_field(field_name).is_cached(instance):
        return getattr(instance, field_name)  # loaded with the instance (select_related)
    pk = getattr(instance, f"{field_name}_id", None)
    return cached(get_image_model(), pk, lambda: getattr(instance, field_name))


def ensure_warm(page):
    """Warm a page met outside a listing (e.g. a v3 detail) the first time it is read."""
    scope = current_scope()
    if scope is not None and ("warmed", page.pk) not in scope.memo:
        warm_pages([page])


def api_property(method):
    """A page property for the API that first warms the scope for its page."""

    @functools.wraps(method)
    def getter(page):
        ensure_warm(page)
        return method(page)

    return property(getter)


def kept_per_instance(method):
    """A method whose result the instance keeps: what a page's template and its structured
    data (core.structured_data) both list is read once per request, as a page is loaded
    for each request."""
    name = f"_kept_{method.__name__}"

    @functools.wraps(method)
    def kept(instance):
        if name not in instance.__dict__:
            instance.__dict__[name] = method(instance)
        return instance.__dict__[name]

    return kept


def attach_loaded_relations(instance):
    """Fill foreign-key caches from the scope, so that serializers reading them do not query."""
    scope = current_scope()
    for field in instance._meta.concrete_fields:
        if not field.many_to_one:
            continue
        pk = getattr(instance, field.attname)
        target = scope.objects.get((cache_label(field.related_model), pk)) if pk else None
        if target is not None and isinstance(target, field.related_model):
            field.set_cached_value(instance, target)


def attach_to_page_and_children(page):
    attach_loaded_relations(page)
    prefetched = getattr(page, "_prefetched_objects_cache", {})
    for relation in get_all_child_relations(type(page)):
        for child in prefetched.get(relation.get_accessor_name(), ()):
            attach_loaded_relations(child)
