"""A page type that only the test suite installs (cms/settings/test.py).

It is added the way docs/architecture.md says a page type is added: its model,
its template, its factory; it needs no loaders registration, since its card
shows only what every listed page shows. The tests in this folder prove that
the site, both APIs, the site search and cards find it without any list
naming it.
"""
