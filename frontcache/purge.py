"""Purge the front cache (Varnish) whenever what the public sees changes.

Wagtail's frontend cache app purges a page's own URL on publish and unpublish.
Readers also see a page through its API details (v2 and v3), the API listings,
its parent section's listing, its translations' language switchers and every
page that links to it; and they see snippets (calls to action, testimonials,
physicians) inside the pages that use them. This module purges all of those,
found through Wagtail's reference index, once the change is committed, so that
a concurrent request cannot put the old content back into the cache.

Two changes reach too many pages to name them one by one, so they are sent to
Varnish as bans (deploy/varnish/foramen.vcl), a handful of requests whatever
the size of the site:

- Site settings (phone, footer, brand, default calls to action, site texts):
  every answer of that site. The app names the site on each answer (header
  ``X-Site-Id``, see ``SiteHeaderMiddleware``); one BAN clears them all and
  leaves the other sites' answers cached.
- Moving a page, or changing its slug: its old and new URLs and its
  translations' URLs as path prefixes (so every descendant's page goes too),
  and the API details of every page of the subtree by id.
- Adding, changing or removing a page's view restriction (making it private or
  public again): the same for its subtree, where the restriction applies.

Varnish treats each PURGE as "this path with any query string", so purging a
listing's path clears all of its filtered variants. Nothing is sent unless
``WAGTAILFRONTENDCACHE`` is configured.
"""

from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.urls import NoReverseMatch, reverse
from wagtail.api.utils import get_base_url
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
    get_page_models,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from core import content
from core.models import CallToAction, SiteSettings
from frontcache.backends import VarnishBackend
from frontcache.content_changes import note_content_changed
from serialization.references import (
    pages_referencing,
    pages_referencing_any,
)

API_V3_PAGES_PATH = "/api/v3/pages/"
API_V3_IMAGES_PATH = "/api/v3/images/"
API_V3_DOCUMENTS_PATH = "/api/v3/documents/"
# Model -> name of its API v2 endpoint, registered by the api app (register_api_endpoint).
SNIPPET_API_ENDPOINTS = {}
# The site an answer was rendered for; Varnish keeps it on the cached object.
SITE_HEADER = "X-Site-Id"
# Page ids per BAN request: the header stays far below Varnish's 8 KB limit.
PAGE_IDS_PER_BAN = 500


class SiteHeaderMiddleware:
    """Name, on every answer that Wagtail resolved a site for, which site that was.

    Pages (and the settings they render) always resolve their site; this reads
    Wagtail's per-request cache of it, so it costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        site = getattr(request, "_wagtail_site", None)
        if site is not None and SITE_HEADER not in response:
            response[SITE_HEADER] = str(site.pk)
        return response


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


def page_path(page):
    """The page's path on its site, language prefix included; None outside every site."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


@dataclass
class Bans:
    """Varnish bans: path prefixes, whole sites, API details of pages by id."""

    path_prefixes: set = field(default_factory=set)
    site_ids: set = field(default_factory=set)
    page_ids: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.path_prefixes or self.site_ids or self.page_ids)

    def requests(self):
        """(path, headers) of each BAN request, as deploy/varnish/foramen.vcl reads them."""
        for prefix in sorted(self.path_prefixes):
            yield quote(prefix, safe="/%"), {}
        for site_id in sorted(self.site_ids):
            yield "/", {"X-Ban-Site": str(site_id)}
        ids = sorted(self.page_ids)
        for start in range(0, len(ids), PAGE_IDS_PER_BAN):
            chunk = ids[start : start + PAGE_IDS_PER_BAN]
            yield "/", {"X-Ban-Pages": "|".join(map(str, chunk))}

    def send(self):
        # Bans are Varnish's: only its backend (the one configured here) gets them.
        for backend in get_backends().values():
            if isinstance(backend, VarnishBackend):
                for path, headers in self.requests():
                    backend.ban(path, headers)


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


def _add_subtree(batch, bans, page):
    """A page and all its descendants where they are now, as bans, with their context.

    Every descendant's URL starts with the page's URL, so one prefix ban per
    language clears the whole subtree whatever its size, where naming each
    descendant would cost a URL lookup and a PURGE per page. Translations keep
    the same tree shape, so their prefixes cover the descendants' translations,
    whose language switchers point into the subtree.
    """
    family = [page, *page.get_translations()]
    bans.path_prefixes.update(path for path in map(page_path, family) if path)
    subtree = Page.objects.descendant_of(page, inclusive=True)
    bans.page_ids.update(subtree.values_list("pk", flat=True))
    batch.add_urls(page_api_urls(page.pk))
    parent = page.get_parent()
    if parent is not None and parent.live:
        batch.add_page(parent)
    batch.add_pages(pages_referencing_any(subtree))


def when_configured(handler):
    """Skip the reference lookups altogether where no front cache is configured."""

    @wraps(handler)
    def receiver(*args, **kwargs):
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            handler(*args, **kwargs)

    return receiver


def _purge_on_commit(batch, bans=None):
    # The content version moves first: Varnish refills from the app at once, and
    # the app's render cache (frontcache/render_cache.py) must not answer with the old page.
    # Robust: the change is committed, and a cache or Varnish failure must not make its
    # request answer as if it were not.
    transaction.on_commit(note_content_changed, robust=True)
    if bans:
        transaction.on_commit(bans.send, robust=True)
    if batch.urls:
        transaction.on_commit(batch.purge, robust=True)


@when_configured
def purge_page_and_context(instance, **kwargs):
    batch = PurgeBatch()
    _add_page_with_context(batch, instance)
    _purge_on_commit(batch)


# What showed a moving page before the move, by page id, until post_page_move
# (which receives a freshly loaded instance, not the one pre_page_move had).
_before_move = {}


@when_configured
def remember_subtree_before_move(instance, **kwargs):
    batch, bans = PurgeBatch(), Bans()
    _add_subtree(batch, bans, instance)
    _before_move[instance.pk] = (batch.urls, bans)


@when_configured
def purge_subtree_after_move(instance, **kwargs):
    urls, bans = _before_move.pop(instance.pk, ((), Bans()))
    batch = PurgeBatch(urls)
    _add_subtree(batch, bans, Page.objects.get(pk=instance.pk).specific_deferred)
    _purge_on_commit(batch, bans)


@when_configured
def purge_subtree_after_slug_change(instance, instance_before, **kwargs):
    batch, bans = PurgeBatch(), Bans()
    _add_subtree(batch, bans, instance_before)
    _add_subtree(batch, bans, instance)
    _purge_on_commit(batch, bans)


@when_configured
def purge_deleted_page(instance, **kwargs):
    """Before the delete, while the page still has a URL and references.

    Django sends this for every page of a deleted subtree (and Wagtail sends
    page_unpublished for each live one), so each descendant is purged with its
    context whatever we do. A section adds its subtree as bans, a few requests,
    which also clear any answer cached below its URL that no page URL names.
    """
    batch, bans = PurgeBatch(), Bans()
    _add_page_with_context(batch, instance)
    if instance.numchild:
        _add_subtree(batch, bans, instance)
    _purge_on_commit(batch, bans)


@when_configured
def purge_restricted_subtree(instance, **kwargs):
    """A view restriction was added, changed or removed: it applies to the whole subtree.

    Anonymous visitors must stop getting a page made private at once, and get
    back the page made public instead of the login redirect or 404 kept for them.
    """
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # removed with its page, which purge_deleted_page purges
        return
    batch, bans = PurgeBatch(), Bans()
    _add_subtree(batch, bans, page.specific_deferred)
    _purge_on_commit(batch, bans)


def _media_api_urls(endpoint, v3_path, pk):
    urls = [
        _v2_url(endpoint, "detail", pk),
        _v2_url(endpoint, "listing"),
        _api_url(f"{v3_path}{pk}/"),
        _api_url(v3_path),
    ]
    return [url for url in urls if url]


def document_urls(document):
    """The document's file address (any filename) and its API views."""
    serve_path = reverse("wagtaildocs_serve", args=(document.pk, document.filename))
    return [
        _api_url(serve_path),
        *_media_api_urls("documents", API_V3_DOCUMENTS_PATH, document.pk),
    ]


@when_configured
def purge_collection_documents(instance, **kwargs):
    """A collection made private or public: its documents and those of the collections below."""
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:  # removed with its collection
        return
    documents = get_document_model().objects.filter(
        collection__in=collection.get_descendants(inclusive=True)
    )
    batch = PurgeBatch()
    for document in documents.only("pk", "file"):
        batch.add_urls(document_urls(document))
    _purge_on_commit(batch)


@when_configured
def purge_pages_showing_image(instance, **kwargs):
    """Before an image is deleted, while the reference index still names the pages showing it."""
    batch = PurgeBatch()
    batch.add_urls(_media_api_urls("images", API_V3_IMAGES_PATH, instance.pk))
    batch.add_pages(pages_referencing(instance))
    _purge_on_commit(batch)


def register_api_endpoint(model, endpoint):
    """Purge the v2 listing and detail of ``endpoint`` when an object of ``model`` changes."""
    SNIPPET_API_ENDPOINTS[model] = endpoint


def _snippet_api_urls(obj):
    endpoint = SNIPPET_API_ENDPOINTS.get(type(obj))
    if endpoint is None:
        return []
    urls = [_v2_url(endpoint, "detail", obj.pk), _v2_url(endpoint, "listing")]
    return [url for url in urls if url]


def _snippet_batch(obj):
    batch = PurgeBatch()
    batch.add_urls(_snippet_api_urls(obj))
    batch.add_pages(pages_referencing(obj))
    return batch


def sites_defaulting_to(call_to_action):
    """Sites whose settings show ``call_to_action`` on pages without one of their own."""
    showing = SiteSettings.objects.filter(default_calls_to_action__call_to_action=call_to_action)
    return set(showing.values_list("site_id", flat=True))


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
    bans = Bans()
    if isinstance(instance, CallToAction):
        bans.site_ids.update(sites_defaulting_to(instance))
    _purge_on_commit(batch, bans)


def _site_ids_of(instance):
    if isinstance(instance, Site):
        return {instance.pk}
    if hasattr(instance, "site_id"):
        return {instance.site_id}
    # A row of the settings' inline panels; gone with them when the settings are deleted.
    owner = SiteSettings.objects.filter(pk=instance.settings_id)
    return set(owner.values_list("site_id", flat=True))


@when_configured
def purge_site(instance, **kwargs):
    """Every answer of the site: each page shows its settings, as does the settings API."""
    _purge_on_commit(PurgeBatch(), Bans(site_ids=_site_ids_of(instance)))


def site_wide_models():
    """The site, and what every page of it shows around its content."""
    return [Site, *content.site_wide()]


def connect():
    for model in get_page_models():
        page_published.connect(purge_page_and_context, sender=model, dispatch_uid="fc-pub")
        page_unpublished.connect(purge_page_and_context, sender=model, dispatch_uid="fc-unpub")
        page_slug_changed.connect(
            purge_subtree_after_slug_change, sender=model, dispatch_uid="fc-slug"
        )
    pre_page_move.connect(remember_subtree_before_move, dispatch_uid="front-cache-pre-move")
    post_page_move.connect(purge_subtree_after_move, dispatch_uid="front-cache-post-move")
    pre_delete.connect(purge_deleted_page, sender=Page, dispatch_uid="front-cache-page-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            purge_restricted_subtree,
            sender=PageViewRestriction,
            dispatch_uid="front-cache-page-privacy",
        )
        signal.connect(
            purge_collection_documents,
            sender=CollectionViewRestriction,
            dispatch_uid="front-cache-collection-privacy",
        )
    pre_delete.connect(
        purge_pages_showing_image, sender=get_image_model(), dispatch_uid="front-cache-image"
    )
    for model in content.shown_in_pages():
        uid = f"front-cache-{model._meta.label}"
        pre_save.connect(remember_snippet_pages_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(purge_snippet_users, sender=model, dispatch_uid=uid)
        pre_delete.connect(purge_snippet_users, sender=model, dispatch_uid=uid)
    for model in site_wide_models():
        uid = f"front-cache-site-{model._meta.label}"
        post_save.connect(purge_site, sender=model, dispatch_uid=uid)
        post_delete.connect(purge_site, sender=model, dispatch_uid=uid)
