"""GET /api/v2/sync/: the sync feed of pages (changes/feed.py), with pages as v2 details.

``?initial=true`` starts with every page the reader may see; each answer's
``next_cursor`` (``?cursor=``) continues, first through that snapshot and
then through the changes since, in sequence order. Upserts carry the page as
``/api/v2/pages/<id>/`` gives it; tombstones say why the page is gone. The
reader's scope comes from ``changes.scope`` (anonymous: the public pages of
the request's site). Answers are ``private, no-store``: they follow one
reader's position and must not be kept by shared caches.
"""

from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from api.language import answer_in_language_of
from api.v2 import PagesEndpoint, router
from changes import feed, scope
from serialization import prefetch

PRIVATE = "private, no-store"
KNOWN_PARAMETERS = frozenset({"initial", "cursor", "limit", "site"})


def requested_limit(query):
    raw = query.get("limit", str(feed.DEFAULT_LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= feed.MAX_LIMIT:
        raise BadRequestError(f"limit must be a whole number from 1 to {feed.MAX_LIMIT}")
    return int(raw)


class SyncEndpoint(PagesEndpoint):
    """Pages' v2 serializers and error answers, behind the feed's own view."""

    def sync_view(self, request):
        query = request.GET
        unknown = sorted(set(query) - KNOWN_PARAMETERS)
        if unknown:
            raise BadRequestError(f"query parameter is not allowed here: {', '.join(unknown)}")
        limit = requested_limit(query)
        reader = self.reader_scope(request)
        if query.get("initial") == "true" and "cursor" not in query:
            batch = feed.start(reader, limit)
        elif "cursor" in query and "initial" not in query:
            batch = feed.read(reader, self.position(query["cursor"]), limit)
        else:
            raise BadRequestError("give either initial=true or cursor=<next_cursor>")
        response = Response(
            {
                "items": self.items(batch.entries),
                "next_cursor": feed.encode(batch.position),
                "has_more": batch.has_more,
            }
        )
        response["Cache-Control"] = PRIVATE
        return response

    def reader_scope(self, request):
        try:
            return scope.for_request(request)
        except ValueError as error:  # ?site= names several sites
            raise BadRequestError(str(error)) from error

    def position(self, cursor):
        try:
            return feed.decode(cursor)
        except feed.ExpiredCursor as error:
            raise CursorGone(str(error)) from error
        except feed.InvalidCursor as error:
            raise BadRequestError(str(error)) from error

    def items(self, entries):
        pages = [entry.page for entry in entries if entry.page is not None]
        data = dict(zip((page.pk for page in pages), self.page_data(pages), strict=True))
        return [item(entry, data.get(entry.page_id)) for entry in entries]

    def page_data(self, pages):
        """Each page as its v2 detail answer gives it."""
        if not pages:
            return []
        prefetch.warm_pages(pages)
        answer_in_language_of(self.request._request, pages)
        context = self.get_serializer_context()
        return [
            self.detail_serializer_class(type(page))(page, context=context).data for page in pages
        ]

    def handle_exception(self, exc):
        if isinstance(exc, CursorGone):
            return Response({"message": str(exc)}, status=410)
        return super().handle_exception(exc)


def item(entry, page_data):
    """An upsert with the page's v2 detail, or a tombstone saying why the page is gone."""
    common = {"sequence": entry.sequence, "id": entry.page_id}
    if entry.page is None:
        return common | {"deleted": True, "reason": entry.reason}
    return common | {"deleted": False, "page": page_data}


class CursorGone(Exception):
    """The cursor is older than the changes kept: the reader starts again."""


sync_view = router.wrap_view(SyncEndpoint.as_view({"get": "sync_view"}))
