"""Wagtail's database search backend, safe for any query string on SQLite.

``cms/settings/search.py`` names this module as the backend when
SEARCH_BACKEND=database; on PostgreSQL (and when SQLite lacks FTS5) it is
modelsearch's own backend unchanged.

modelsearch 1.3's SQLite backend writes each word of a query into an FTS5
string without escaping its double quotes, so a word holding one (``?search="``)
fails with "unterminated string"; and a query of blanks alone builds no match
expression and fails while counting. Both were 500s on the APIs' ``?search=``.
"""

import functools

from modelsearch.backends.database import SearchBackend as modelsearch_backend


def words_only(query):
    """A query string without double quotes, its blanks collapsed; others as they are.

    An empty string is what modelsearch itself answers with no results.
    """
    if not isinstance(query, str):
        return query
    return " ".join(query.replace('"', " ").split())


@functools.cache
def quote_safe(sqlite_backend_class):
    """The SQLite backend with queries made safe. Built on first use: modelsearch's SQLite
    module cannot be imported on another database (its models are SQLite's only)."""

    class QuoteSafeSQLiteSearchBackend(sqlite_backend_class):
        def search(self, query, model_or_queryset, **kwargs):
            return super().search(words_only(query), model_or_queryset, **kwargs)

        def autocomplete(self, query, model_or_queryset, **kwargs):
            return super().autocomplete(words_only(query), model_or_queryset, **kwargs)

    return QuoteSafeSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    backend = modelsearch_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        return quote_safe(type(backend))(params)
    return backend
