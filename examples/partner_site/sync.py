"""A local copy of the pages a partner key may read, kept current by the CMS's sync feed.

The first run reads the feed from the start (``?initial=true``): every page the
key may see, as upserts, then the changes made meanwhile. Every later run
follows the cursor the last answer gave (``?cursor=``) and gets only what changed
since: an upsert carries the page as ``/api/v2/pages/<id>/`` gives it, a
tombstone (``"deleted": true``) says the page is gone for this key (unpublished,
deleted, made private, moved out of the key's scope). Items are applied in
order; ``has_more`` says whether to ask again at once.

A cursor older than the changes the CMS keeps answers 410: the copy is then
rebuilt from the start, and whatever the new start lacks counts as removed.

The copy is one JSON file, ``pages.json`` in the store folder, written whole
(to a temporary file, then renamed) at the end of a run: a run that fails
half-way leaves the previous copy and cursor, and the next run repeats it.
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .client import SYNC_LIMIT, PartnerSiteError

STORE_FILE = "pages.json"
GONE = 410


@dataclass
class Store:
    """The pages by id (as their v2 detail JSON) and the cursor to continue from."""

    folder: Path
    pages: dict = field(default_factory=dict)
    cursor: str | None = None

    @classmethod
    def open(cls, folder):
        folder = Path(folder)
        path = folder / STORE_FILE
        if not path.exists():
            return cls(folder)
        data = json.loads(path.read_text(encoding="utf-8"))
        # JSON object keys are strings; page ids are numbers in the API.
        pages = {int(page_id): page for page_id, page in data["pages"].items()}
        return cls(folder, pages, data["cursor"])

    def save(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / STORE_FILE
        temporary = path.with_suffix(".tmp")
        data = {"cursor": self.cursor, "pages": self.pages}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)


@dataclass(frozen=True)
class Changes:
    """What one run changed: pages as they were (None: new) and as they are (None: gone)."""

    before: dict
    after: dict
    restarted: bool = False

    @property
    def upserted(self):
        return sorted(page_id for page_id, page in self.after.items() if page is not None)

    @property
    def removed(self):
        return sorted(page_id for page_id, page in self.after.items() if page is None)


def sync(client, store, limit=SYNC_LIMIT):
    """Bring ``store`` up to date through ``client`` (keyed); what changed, once saved."""
    restarted = False
    try:
        pages, cursor = _follow(client, dict(store.pages), store.cursor, limit)
    except PartnerSiteError as error:
        if error.status != GONE or store.cursor is None:
            raise
        restarted = True
        pages, cursor = _follow(client, {}, None, limit)
    changes = _compare(store.pages, pages, restarted)
    store.pages, store.cursor = pages, cursor
    store.save()
    return changes


def _follow(client, pages, cursor, limit):
    """Apply every answer from ``cursor`` (None: the start) until nothing more is waiting."""
    while True:
        answer = client.sync(cursor=cursor, limit=limit)
        for item in answer["items"]:
            if item["deleted"]:
                pages.pop(item["id"], None)
            else:
                pages[item["id"]] = item["page"]
        cursor = answer["next_cursor"]
        if not answer["has_more"]:
            return pages, cursor


def _compare(old, new, restarted):
    changed = {page_id for page_id in new if old.get(page_id) != new[page_id]}
    gone = set(old) - set(new)
    return Changes(
        before={page_id: old.get(page_id) for page_id in changed | gone},
        after={page_id: new.get(page_id) for page_id in changed | gone},
        restarted=restarted,
    )
