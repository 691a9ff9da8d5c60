"""The sync feed: a snapshot of what a scope shows, then its changes in sequence order.

A reader starts with ``start`` (the snapshot: every page it may see, as
upserts) and then follows each answer's cursor with ``read``. The snapshot
remembers the last sequence number at its start, so that what changes while
it is being paged through comes after it as events. Each event gives the
page's state now: an upsert when the scope shows it, else a tombstone with a
reason. Replaying every answer in order leaves a reader with what the scope
shows at the time of its last answer.

Cursors are signed (``django.core.signing``) and carry the position and the
time they were issued; a cursor older than ``CHANGES_RETENTION_DAYS`` may
point at events already pruned, so it is refused as expired.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from changes.models import ChangeEvent

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
SALT = "changes.sync.cursor"
# Why a page the reader had is gone; any other event of a page it may not see is
# the page leaving the scope (moved elsewhere, or the scope's filters).
REASONS = {
    ChangeEvent.Kind.UNPUBLISHED: "unpublished",
    ChangeEvent.Kind.DELETED: "deleted",
    ChangeEvent.Kind.WITHDRAWN: "withdrawn",
}
OUT_OF_SCOPE = "out_of_scope"


class InvalidCursor(ValueError):
    pass


class ExpiredCursor(ValueError):
    pass


@dataclass(frozen=True)
class Position:
    """After event ``sequence``; within the snapshot, after page ``after_page`` too."""

    sequence: int
    after_page: int | None = None


@dataclass(frozen=True)
class Entry:
    sequence: int
    page_id: int
    page: object = None  # the specific page to upsert; None for a tombstone
    reason: str = ""


@dataclass(frozen=True)
class Batch:
    entries: list
    position: Position
    has_more: bool


def retention():
    return datetime.timedelta(days=settings.CHANGES_RETENTION_DAYS)


def encode(position, issued_at=None):
    issued_at = issued_at or timezone.now()
    data = {"s": position.sequence, "p": position.after_page, "t": int(issued_at.timestamp())}
    return signing.dumps(data, salt=SALT, compress=True)


def decode(cursor, now=None):
    """The position a cursor names; InvalidCursor if it was not issued here (or was
    altered), ExpiredCursor if it is older than the retention."""
    try:
        data = signing.loads(cursor, salt=SALT)
        position = Position(sequence=int(data["s"]), after_page=data["p"])
        issued_at = datetime.datetime.fromtimestamp(int(data["t"]), tz=datetime.UTC)
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidCursor("cursor is not valid: start again with initial=true") from error
    if (now or timezone.now()) - issued_at > retention():
        raise ExpiredCursor(
            f"cursor is older than {settings.CHANGES_RETENTION_DAYS} days, the changes kept:"
            " start again with initial=true"
        )
    return position


def latest_sequence():
    return ChangeEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def start(scope, limit):
    return read(scope, Position(sequence=latest_sequence(), after_page=0), limit)


def read(scope, position, limit):
    if position.after_page is not None:
        return _snapshot(scope, position, limit)
    return _changes(scope, position, limit)


def _events_after(scope, sequence):
    return scope.events(ChangeEvent.objects.filter(sequence__gt=sequence)).order_by("sequence")


def _snapshot(scope, position, limit):
    pages = scope.pages().filter(pk__gt=position.after_page).order_by("pk")
    pages = list(pages.specific()[: limit + 1])
    entries = [Entry(position.sequence, page.pk, page) for page in pages[:limit]]
    if len(pages) > limit:
        return Batch(entries, Position(position.sequence, pages[limit - 1].pk), True)
    after = Position(position.sequence)
    return Batch(entries, after, _events_after(scope, position.sequence).exists())


def _changes(scope, position, limit):
    events = list(_events_after(scope, position.sequence)[: limit + 1])
    taken = events[:limit]
    if not taken:
        return Batch([], position, False)
    # One entry per page, at its last event: its state now is all a reader needs.
    last = {}
    for event in taken:
        last.pop(event.object_id, None)
        last[event.object_id] = event
    shown = {page.pk: page for page in scope.pages().filter(pk__in=last).specific()}
    entries = [
        Entry(event.sequence, page_id, shown.get(page_id), _reason(event, page_id in shown))
        for page_id, event in last.items()
    ]
    return Batch(entries, Position(taken[-1].sequence), len(events) > limit)


def _reason(event, shown):
    return "" if shown else REASONS.get(event.kind, OUT_OF_SCOPE)


def prune(now=None):
    """Delete the events older than the retention; answers how many went."""
    cutoff = (now or timezone.now()) - retention()
    deleted, _by_model = ChangeEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
