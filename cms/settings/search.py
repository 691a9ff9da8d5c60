"""WAGTAILSEARCH_BACKENDS from the environment (imported by the settings).

SEARCH_BACKEND chooses the engine:

- ``database`` (default): Wagtail's database backend, SQLite FTS5 or
  PostgreSQL full text search, no extra service;
- ``elasticsearch``: Elasticsearch 9 through the pinned ``elasticsearch`` client;
- ``opensearch``: OpenSearch 2.19 or 3 through ``opensearch-py`` 3 (Wagtail's
  ``opensearch3`` backend: it is the one written for the keyword-only calls of
  opensearch-py 3; the REST calls it makes are the same on OpenSearch 2.19).

For the two engines, SEARCH_URLS lists the cluster's URLs (comma separated)
and SEARCH_INDEX_PREFIX names the indexes. Rebuilds by ``update_index`` are
atomic: a new index is filled beside the old one and the alias is swapped.

An engine gets one backend per content language, each with that language's
analyzer (stemming, stop words), because one index analyzes every text field
the same way. Every backend indexes all pages; the site search asks the one of
the visitor's language and filters on the locale.
"""

# Wagtail's backends, whose indexing errors fail a queued task so that it is tried again
# (search/engine_backends.py).
ENGINE_BACKENDS = {
    "elasticsearch": "search.engine_backends.Elasticsearch9",
    "opensearch": "search.engine_backends.OpenSearch3",
}

# Backend alias -> (index name infix, built-in analyzer of the engine).
LANGUAGE_BACKENDS = {
    "default": ("", "english"),
    "es": ("es_", "spanish"),
}

# Wagtail's database backend, with queries made safe for SQLite (search/database_backend.py).
DATABASE_BACKEND = {"default": {"BACKEND": "search.database_backend"}}


def search_backends(kind, urls, index_prefix, timeout=5):
    """Return WAGTAILSEARCH_BACKENDS for ``kind`` (a SEARCH_BACKEND value)."""
    kind = (kind or "database").strip().lower()
    if kind == "database":
        return DATABASE_BACKEND
    if kind not in ENGINE_BACKENDS:
        choices = ", ".join(["database", *ENGINE_BACKENDS])
        raise ValueError(f"SEARCH_BACKEND={kind!r} is not one of: {choices}")
    if not urls:
        raise ValueError(f"SEARCH_BACKEND={kind} needs SEARCH_URLS (the cluster's URLs)")
    return {
        alias: {
            "BACKEND": ENGINE_BACKENDS[kind],
            "URLS": urls,
            "INDEX_PREFIX": f"{index_prefix}{infix}",
            "ATOMIC_REBUILD": True,
            # A short timeout: indexing runs while an editor publishes.
            "TIMEOUT": timeout,
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": analyzer}}}}
            },
        }
        for alias, (infix, analyzer) in LANGUAGE_BACKENDS.items()
    }
