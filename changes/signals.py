"""Which changes go to the outbox, and of what kind, from Wagtail's and Django's signals.

Every handler runs inside the database transaction of the change it reports,
so that a change and its events commit or roll back together: Wagtail sends
its publish and unpublish signals, and Django post_save and post_delete,
before that transaction commits. Moves and new slugs are read from the page's
own save, not from Wagtail's move and slug signals: post_page_move is sent
after the move's atomic block has ended and page_slug_changed once the change
has committed, so events written from them could be lost (a failure between
the two) or written for a change that a caller's transaction then rolled back.

A change that alters what several pages are at once is told page by page: a
move or a new slug changes the URL of each live page below, and a view
restriction covers the whole subtree.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    get_page_models,
)
from wagtail.signals import (
    page_published,
    page_unpublished,
    published,
    unpublished,
)

from changes.models import ChangeEvent
from changes.outbox import record, record_many, site_at
from core import content
from people.consent import TestimonialAuthorization
from people.models import Testimonial
from serialization.references import pages_showing

Kind = ChangeEvent.Kind
# Saves of only these fields record a draft or a lock: nothing a reader sees changed.
BOOKKEEPING_FIELDS = {"latest_revision", "latest_revision_created_at", "locked", "locked_by"}
# A saved page's url_path before the save, kept on the instance from pre_save to post_save.
URL_PATH_BEFORE = "_changes_url_path_before"


def on_page_published(instance, revision=None, **kwargs):
    default = instance.locale_id == Locale.get_default().pk
    record(Kind.PUBLISHED if default else Kind.TRANSLATION_PUBLISHED, instance, revision=revision)


def on_page_unpublished(instance, **kwargs):
    record(Kind.UNPUBLISHED, instance)


def on_page_deleted(instance, **kwargs):
    record(Kind.DELETED, instance)


def live_subtree(page):
    """The page and the live pages below it."""
    below = Page.objects.descendant_of(page).live().select_related("locale")
    return [page, *below]


def remember_url_path(instance, raw=False, update_fields=None, **kwargs):
    """Before a page's save, its url_path as stored: a move or a new slug changes it."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "url_path" not in update_fields:
        return
    stored = Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
    setattr(instance, URL_PATH_BEFORE, stored)


def on_page_saved(instance, created=False, raw=False, **kwargs):
    """A page whose url_path changed was moved or given a new slug: its subtree's addresses moved.

    Both reach here inside the transaction that makes the change: MovePageAction saves the
    moved page in its atomic block (its tree paths already moved), and a new slug is saved
    by Page.save, itself atomic. In both, Wagtail rewrites the descendants' url_path right
    after this save, in the same transaction.
    """
    before = instance.__dict__.pop(URL_PATH_BEFORE, None)
    if created or raw or before is None or before == instance.url_path:
        return
    site_before = site_at(before)
    if instance.is_site_root():
        # A site's root path is its root page's url_path: Wagtail clears the cached paths
        # after this save, and the addresses below are read against the new ones.
        Site.clear_site_root_paths_cache()
    pages = [instance, *addressed_as_after(live_subtree(instance)[1:], before, instance.url_path)]
    record_many(Kind.MOVED, pages)
    if site_before != site_at(instance.url_path):
        # The site it left is told too, so that its readers drop the pages.
        record_many(Kind.MOVED, pages, site_id=site_before, url="")


def addressed_as_after(descendants, before, after):
    """The descendants with the url_path Wagtail gives them once this save is done."""
    for page in descendants:
        if page.url_path.startswith(before):
            page.url_path = after + page.url_path[len(before) :]
    return descendants


def on_restriction_saved(instance, raw=False, **kwargs):
    # A raw save puts back rows as they were (loaddata, a test's restore): no change to tell.
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        record_many(Kind.WITHDRAWN, live_subtree(page.specific_deferred))


def on_restriction_deleted(instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # else removed with its page, whose deletion is recorded
        record_many(Kind.MADE_PUBLIC, live_subtree(page.specific_deferred))


def record_with_pages(kind, snippet, *, revision=None):
    """The snippet's event, then a ``page_changed`` event for each live page that shows it:
    their answers changed too, and a partner syncing pages must fetch them again."""
    record(kind, snippet, revision=revision)
    record_many(Kind.PAGE_CHANGED, pages_showing(snippet))


def on_snippet_published(instance, revision=None, **kwargs):
    record_with_pages(Kind.SNIPPET_PUBLISHED, instance, revision=revision)


def on_snippet_unpublished(instance, **kwargs):
    kind = Kind.WITHDRAWN if isinstance(instance, Testimonial) else Kind.SNIPPET_CHANGED
    record_with_pages(kind, instance)


def on_snippet_saved(instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    # A testimonial whose consent lapses is unpublished (people.signals, the withdrawal
    # job): the unpublish records its withdrawal.
    if not isinstance(instance, DraftStateMixin):
        # A snippet without drafts shows what it saves at once.
        revision = getattr(instance, "latest_revision", None)
        record_with_pages(Kind.SNIPPET_CHANGED, instance, revision=revision)


def on_snippet_deleted(instance, **kwargs):
    shown = isinstance(instance, Testimonial) and instance.is_publicly_shown
    record_with_pages(Kind.WITHDRAWN if shown else Kind.SNIPPET_DELETED, instance)


def on_authorization_saved(instance, raw=False, **kwargs):
    """Partners stop syndicating a testimonial the site keeps showing (its authorization
    revoked for partners only, or narrowed): a withdrawal event tells them."""
    if raw or (instance.revoked_on is None and instance.covers_partners):
        return
    shown = Testimonial.objects.filter(
        translation_key=instance.testimonial.translation_key, live=True
    )
    syndicated = set(shown.syndicated().values_list("pk", flat=True))
    for testimonial in shown:
        if testimonial.pk not in syndicated:
            record_with_pages(Kind.WITHDRAWN, testimonial)


def connect():
    page_published.connect(on_page_published, dispatch_uid="changes-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="changes-page-unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="changes-page-deleted")
    for model in get_page_models():
        uid = f"changes-url-path-{model._meta.label}"
        pre_save.connect(remember_url_path, sender=model, dispatch_uid=uid)
        post_save.connect(on_page_saved, sender=model, dispatch_uid=uid)
    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="changes-private"
    )
    post_delete.connect(
        on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="changes-public"
    )
    post_save.connect(
        on_authorization_saved,
        sender=TestimonialAuthorization,
        dispatch_uid="changes-syndication-withdrawn",
    )
    for model in content.shown_in_pages():
        uid = f"changes-{model._meta.label}"
        published.connect(on_snippet_published, sender=model, dispatch_uid=uid)
        unpublished.connect(on_snippet_unpublished, sender=model, dispatch_uid=uid)
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(on_snippet_deleted, sender=model, dispatch_uid=uid)
