"""What a search test built, made visible to the site search on any backend."""

from wagtail.search.backends import get_search_backends


def searchable_now():
    """Make everything the test has saved so far visible to searches.

    Saving an indexed object indexes it at once, inside the test's transaction
    (modelsearch's post_save handler, run inline by django-tasks' immediate
    backend), but a search engine lists a new document only after its next
    refresh, about a second later: a query sent right after the build would
    miss it. Refreshing the indexes makes it visible now. The database
    backend's index needs no refresh (its refresh does nothing).
    """
    for backend in get_search_backends():
        backend.refresh_indexes()
