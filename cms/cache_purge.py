"""Purge the front cache (Varnish) whenever what the public sees changes.

Wagtail's frontend cache app purges a page's own URL on publish and unpublish.
Readers also see a page through its API details (v2 and v3), the API listings,
its parent section's listing, its translations' language switchers and every
page that links to it; and they see snippets (calls to action, testimonials,
physicians) inside the pages that use them. This module purges all of those,
found through Wagtail's reference index, once the change is committed, so that
a concurrent request cannot put the old content back into the cache.

Varnish (deploy/varnish/foramen.vcl) treats each PURGE as "this path with any
query string", so purging a listing's path clears all of its filtered variants.
Nothing is sent unless ``WAGTAILFRONTENDCACHE`` is configured.
"""

from functools import wraps

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.urls import NoReverseMatch, reverse
from wagtail.api.utils import get_base_url
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

API_V3_PAGES_PATH = "/api/v3/pages/"
SNIPPET_API_ENDPOINTS = {
    "cms.CallToAction": "calls-to-action",
    "procedures.Testimonial": "testimonials",
    "locations.Physician": "physicians",
}


def _api_url(path):
    return (get_base_url() or "") + path


def _v2_url(endpoint, view, *args):
    try:
        return _api_url(reverse(f"wagtailapi_v2:{endpoint}:{view}", args=args))
    except NoReverseMatch:
        return None


def page_api_urls(page_id):
    """The API addresses that show one page: its details and every page listing."""
    urls = [
        _v2_url("pages", "detail", page_id),
        _v2_url("pages", "listing"),
        _v2_url("pages", "find"),
        _api_url(f"{API_V3_PAGES_PATH}{page_id}/"),
        _api_url(API_V3_PAGES_PATH),
    ]
    return [url for url in urls if url]


def pages_referencing(obj):
    """Live pages that link to or embed ``obj`` (through choosers, blocks, rich text)."""
    page_type = ContentType.objects.get_for_model(Page)
    source_ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    ids = {int(value) for value in source_ids.values_list("object_id", flat=True)}
    return Page.objects.live().filter(pk__in=ids).specific(defer=True)


def pages_referenced_by(obj):
    """Live pages that ``obj`` points at, e.g. the procedure a testimonial belongs to."""
    page_type = ContentType.objects.get_for_model(Page)
    targets = ReferenceIndex.get_references_for_object(obj).filter(to_content_type=page_type)
    ids = {int(value) for value in targets.values_list("to_object_id", flat=True)}
    return Page.objects.live().filter(pk__in=ids).specific(defer=True)


def _add_page_with_context(batch, page):
    """The page, the API views of it, and the pages whose content shows it."""
    if page.live:
        batch.add_page(page)
    batch.add_urls(page_api_urls(page.pk))
    parent = page.get_parent()
    if parent is not None and parent.live:
        batch.add_page(parent)
    batch.add_pages(page.get_translations().live().specific(defer=True))
    batch.add_pages(pages_referencing(page))


def when_configured(handler):
    """Skip the reference lookups altogether where no front cache is configured."""

    @wraps(handler)
    def receiver(*args, **kwargs):
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            handler(*args, **kwargs)

    return receiver


def _purge_on_commit(batch):
    if batch.urls:
        transaction.on_commit(batch.purge)


@when_configured
def purge_page_and_context(instance, **kwargs):
    batch = PurgeBatch()
    _add_page_with_context(batch, instance)
    _purge_on_commit(batch)


@when_configured
def remember_urls_before_move(instance, **kwargs):
    batch = PurgeBatch()
    _add_page_with_context(batch, instance)
    instance._front_cache_urls_before_move = batch.urls


@when_configured
def purge_after_move(instance, **kwargs):
    batch = PurgeBatch(getattr(instance, "_front_cache_urls_before_move", ()))
    _add_page_with_context(batch, Page.objects.get(pk=instance.pk).specific_deferred)
    _purge_on_commit(batch)


@when_configured
def purge_deleted_page(instance, **kwargs):
    # Before the delete, while the page still has a URL and references.
    purge_page_and_context(instance)


def _snippet_api_urls(obj):
    endpoint = SNIPPET_API_ENDPOINTS.get(obj._meta.label)
    if endpoint is None:
        return []
    urls = [_v2_url(endpoint, "detail", obj.pk), _v2_url(endpoint, "listing")]
    return [url for url in urls if url]


def _snippet_batch(obj):
    batch = PurgeBatch()
    batch.add_urls(_snippet_api_urls(obj))
    batch.add_pages(pages_referencing(obj))
    batch.add_pages(pages_referenced_by(obj))
    return batch


@when_configured
def remember_snippet_pages_before_save(instance, **kwargs):
    # The reference index still holds the old links: a testimonial moved to
    # another procedure must leave the first procedure's page too.
    if instance.pk is not None:
        instance._front_cache_urls_before_save = _snippet_batch(instance).urls


@when_configured
def purge_snippet_users(instance, **kwargs):
    batch = _snippet_batch(instance)
    batch.add_urls(getattr(instance, "_front_cache_urls_before_save", ()))
    _purge_on_commit(batch)


def snippet_models():
    from django.apps import apps

    return [apps.get_model(label) for label in SNIPPET_API_ENDPOINTS]


def connect():
    for model in get_page_models():
        page_published.connect(purge_page_and_context, sender=model, dispatch_uid="fc-pub")
        page_unpublished.connect(purge_page_and_context, sender=model, dispatch_uid="fc-unpub")
    pre_page_move.connect(remember_urls_before_move, dispatch_uid="front-cache-pre-move")
    post_page_move.connect(purge_after_move, dispatch_uid="front-cache-post-move")
    pre_delete.connect(purge_deleted_page, sender=Page, dispatch_uid="front-cache-page-delete")
    for model in snippet_models():
        uid = f"front-cache-{model._meta.label}"
        pre_save.connect(remember_snippet_pages_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(purge_snippet_users, sender=model, dispatch_uid=uid)
        pre_delete.connect(purge_snippet_users, sender=model, dispatch_uid=uid)
