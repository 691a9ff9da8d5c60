"""Which changes go to the outbox, and of what kind, from Wagtail's and Django's signals.

Handlers run in the database transaction of the change they report where
there is one (an admin view, a v3 write, a management command's atomic block):
Wagtail sends its publish and unpublish signals, and Django post_save and
post_delete, before that transaction commits, so a change that fails records
nothing. Two signals come later: Wagtail sends post_page_move just after its
own atomic block and page_slug_changed once the change has committed, so
those events are written right after their change.

A change that alters what several pages are at once is told page by page: a
move or a new slug changes the URL of each live page below, and a view
restriction covers the whole subtree.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import DraftStateMixin, Locale, Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from changes.models import ChangeEvent
from changes.outbox import record, record_many, site_at
from core import content
from people.consent import Channel, TestimonialAuthorization
from people.models import Testimonial
from serialization.references import pages_showing

Kind = ChangeEvent.Kind
# Saves of only these fields record a draft or a lock: nothing a reader sees changed.
BOOKKEEPING_FIELDS = {"latest_revision", "latest_revision_created_at", "locked", "locked_by"}


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


def on_page_moved(instance, url_path_before, url_path_after, **kwargs):
    pages = live_subtree(instance)
    record_many(Kind.MOVED, pages)
    site_before = site_at(url_path_before)
    if site_before != site_at(url_path_after):
        # The site it left is told too, so that its readers drop the pages.
        record_many(Kind.MOVED, pages, site_id=site_before, url="")


def on_slug_changed(instance, **kwargs):
    record_many(Kind.MOVED, live_subtree(instance))


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


def covers_syndication(authorization_pk):
    """Whether the stored authorization covers partner syndication today."""
    ledger = TestimonialAuthorization.objects.covering(Channel.PARTNERS)
    return authorization_pk is not None and ledger.filter(pk=authorization_pk).exists()


def before_authorization_saved(instance, raw=False, **kwargs):
    # Remember the stored state: only the save that ends syndication tells partners.
    if not raw:
        instance._syndicated_before_save = covers_syndication(instance.pk)


def on_authorization_saved(instance, raw=False, **kwargs):
    """Partners stop syndicating a testimonial the site keeps showing (its authorization
    revoked for partners only, or narrowed): a withdrawal event tells them, once, on the
    save that ends the authorization's coverage of syndication."""
    if raw or not getattr(instance, "_syndicated_before_save", False):
        return
    if covers_syndication(instance.pk):
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
    post_page_move.connect(on_page_moved, dispatch_uid="changes-page-moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="changes-slug-changed")
    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="changes-private"
    )
    post_delete.connect(
        on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="changes-public"
    )
    pre_save.connect(
        before_authorization_saved,
        sender=TestimonialAuthorization,
        dispatch_uid="changes-syndication-before",
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
