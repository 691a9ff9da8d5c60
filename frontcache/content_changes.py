"""Two numbers that move forward whenever published content may have changed.

The content version, a time in whole seconds, is the API's Last-Modified. The
content generation, a counter moved by an atomic increment, is part of every
render-cache key (frontcache/render_cache.py): two app servers saving at the same
moment still move it twice. Both live in the default cache, which production
keeps in Redis, so that a change made through one app server is seen by all.
While that cache cannot be reached, each process uses the last numbers it read
(cms/cache.py): answers keep their Last-Modified and their render-cache keys
instead of taking new ones on every request.
"""

import math
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models.pages import COMMENTS_RELATION_NAME

from core import content

CONTENT_CHANGED_CACHE_KEY = "api:content-last-changed"
CONTENT_GENERATION_CACHE_KEY = "content:generation"
# Wagtail's own content: pages, sites, images, documents and redirects. Our apps
# declare theirs in their AppConfig.ready() (core.content).
WAGTAIL_CONTENT_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects"}
# Editorial and bookkeeping rows of content apps that no visitor sees: a draft,
# a comment or the reference index rewritten on every save would otherwise
# retire every rendered answer many times per edit.
NOT_CONTENT_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.referenceindex",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.apitoken",
}
# A save of only these fields records a draft, a lock or an API token's end.
DRAFT_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}
# The last value of each number this process read, for a cache outage.
_last_read = {}


def _now_in_whole_seconds():
    # HTTP dates have whole seconds; rounding up keeps Last-Modified at or
    # after the change it stands for.
    return math.ceil(timezone.now().timestamp())


def note_content_changed():
    """Move the content version forward: strictly, even for two changes within one second.

    Strictness keeps a client revalidating with If-Modified-Since alone from a
    stale 304, and gives every change a render-cache generation of its own.
    """
    # During an outage the shared numbers cannot move; this process at least starts
    # afresh from the clock, above every number it used before.
    _last_read.clear()
    previous = cache.get(CONTENT_CHANGED_CACHE_KEY, 0)
    cache.set(CONTENT_CHANGED_CACHE_KEY, max(previous + 1, _now_in_whole_seconds()), timeout=None)
    try:
        cache.incr(CONTENT_GENERATION_CACHE_KEY)
    except ValueError:
        content_generation()
        cache.incr(CONTENT_GENERATION_CACHE_KEY)


def _shared_number(key, start):
    """The number under key in the cache, started with start() where there is none.

    Nothing stored and nothing readable after storing means the cache is out of
    reach: then the last number this process read (or a start of its own) serves.
    """
    value = cache.get(key)
    if value is None:
        cache.add(key, start(), timeout=None)
        value = cache.get(key)
    if value is None:
        return _last_read.setdefault(key, start())
    _last_read[key] = value
    return value


def content_version():
    # Without a record (cold cache), "now" is the safe answer: it can only
    # cause a full response or a fresh render, never a stale one.
    return _shared_number(CONTENT_CHANGED_CACHE_KEY, _now_in_whole_seconds)


def content_generation():
    # A lost counter starts again from the clock, above any number used before,
    # so that no answer kept under an old generation comes back into use.
    return _shared_number(CONTENT_GENERATION_CACHE_KEY, time.time_ns)


def is_content(model):
    label = model._meta.label_lower
    if label in NOT_CONTENT_MODELS or model is get_image_model().get_rendition_model():
        # Nor is a new rendition: it changes no answer that already exists.
        return False
    return model._meta.app_label in WAGTAIL_CONTENT_APPS or content.is_content(model)


def _note_if_content(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if is_content(sender):
        note_content_changed()
        # Again after the commit: a render that ran between this change and its
        # commit saw the old rows, and must not be kept under the new version.
        # Robust: the change is committed, and a cache failure must not make its
        # request answer as if it were not.
        transaction.on_commit(note_content_changed, robust=True)


def connect():
    post_save.connect(_note_if_content, dispatch_uid="content-changed-save")
    post_delete.connect(_note_if_content, dispatch_uid="content-changed-delete")
