"""The rendered pages on disk, mirroring the CMS's addresses.

A page whose ``meta.html_url`` is ``https://cms.example/procedures/foraminotomy/``
is written to ``<out>/procedures/foraminotomy/index.html``, so that any static
file server serves the folder with the CMS's paths. After a sync only the pages
that changed are written again; a page that is gone (or moved to another
address) has its old file removed, with the folders it leaves empty.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from .render import render_page, renders

INDEX = "index.html"
SAFE_SEGMENT = re.compile(r"[^A-Za-z0-9_-]+")


def page_file(out, page):
    """Where ``page`` is written under ``out``, or None for a page this site does not show."""
    if not renders(page):
        return None
    path = urlsplit((page.get("meta") or {}).get("html_url") or "").path
    # Each segment is reduced to safe characters, so no address can climb out of ``out``.
    segments = [SAFE_SEGMENT.sub("-", part).strip("-") for part in path.split("/")]
    segments = [segment for segment in segments if segment]
    if not segments:
        segments = [f"page-{page['id']}"]
    return Path(out, *segments, INDEX)


def apply(out, changes, site_name):
    """Write the upserted pages and remove the files of pages that are gone or moved.

    Answers (written, removed): the files, in page id order.
    """
    out = Path(out)
    written, removed = [], []
    for page_id in sorted(changes.after):
        old = changes.before[page_id] and page_file(out, changes.before[page_id])
        new = changes.after[page_id] and page_file(out, changes.after[page_id])
        if old and old != new and old.exists():
            old.unlink()
            _remove_empty_folders(old.parent, out)
            removed.append(old)
        if new:
            new.parent.mkdir(parents=True, exist_ok=True)
            new.write_text(render_page(changes.after[page_id], site_name), encoding="utf-8")
            written.append(new)
    return written, removed


def _remove_empty_folders(folder, out):
    while folder != out and folder.is_relative_to(out) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
