"""Schema.org structured data (JSON-LD) of a page: one ``@graph`` with stable ``@id``s.

Every page is a ``MedicalWebPage`` of its site's ``WebSite``, published by the site's
``MedicalOrganization`` (from the site settings), with its ``BreadcrumbList``. What a
page type adds is registered by the app that owns the type, in its ``AppConfig.ready()``:

- ``register_entity(model, entity)``: ``entity(page, graph)`` is the node of what a page
  of ``model`` is about (a procedure, a condition, a clinic): the page's main entity, and
  the node other pages' graphs link to (a clinic's services are procedure entities);
- ``register(model, contribute)``: ``contribute(page, graph)`` adds more to the graph of
  a page of ``model`` (the physicians it shows, its medical review). A type has what is
  registered for its bases too, bases first.

``@id``s are the canonical address plus a fragment (``…/procedures/x/#webpage``); what
belongs to the whole site (its organization, its website, a physician) hangs off the
site's root address, so that the same thing has the same ``@id`` on every page and in
both languages.

The same graph is served to search engines in the page's head and to partners as the
APIs' ``schema_org`` field (core.models.APIPageMixin). It holds only what the page shows
publicly: no ratings or reviews (self-serving reviews are not eligible for rich results),
no testimonials.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder

from core.head import ICON_SPECS, page_description
from serialization import prefetch

SCHEMA_CONTEXT = "https://schema.org"
#: The organization's logo: the square cut of it that the site's icons use too.
LOGO_SPEC = ICON_SPECS["apple-touch-icon"]
#: Characters that would end the script element or break it in old parsers, as JSON escapes.
SCRIPT_SAFE_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}

_contributions = {}
_entities = {}


def register(model, contribute):
    """``contribute(page, graph)`` adds to the graph of every page of ``model``."""
    _contributions.setdefault(model, []).append(contribute)


def register_entity(model, entity):
    """``entity(page, graph)`` is the node of what a page of ``model`` is about."""
    if model in _entities:
        raise ValueError(f"{model.__name__} has a structured data entity already.")
    _entities[model] = entity


def contributions_of(model):
    return [
        contribute
        for base in reversed(model.__mro__)
        for contribute in _contributions.get(base, ())
    ]


def ref(node):
    return {"@id": node["@id"]}


class PageGraph:
    """The nodes of one page's graph, in the order they were added, each ``@id`` once."""

    def __init__(self, page, site_root_url):
        self.page = page
        self.url = page_address(page)
        self.site_root_url = site_root_url.rstrip("/")
        self.nodes = {}
        #: The page's language, in which the graph's labels are written.
        self.language = page.locale.language_code
        self.webpage = self.add(
            {
                "@type": "MedicalWebPage",
                "@id": self.page_id("webpage"),
                "url": self.url,
                "name": page.seo_title or page.title,
                "description": page_description(page),
                "inLanguage": self.language,
            }
        )

    def page_id(self, fragment):
        return f"{self.url}#{fragment}"

    def site_id(self, fragment):
        return f"{self.site_root_url}/#{fragment}"

    def add(self, node):
        """Add ``node`` unless a node of its ``@id`` is there already; the node kept."""
        return self.nodes.setdefault(node["@id"], node)

    def link(self, node):
        """Add ``node`` and return a reference to it."""
        return ref(self.add(node))

    def entity(self, page):
        """A reference to the node of what ``page`` is about, added to the graph; None for
        a page type about nothing in particular (an index, a form)."""
        entity = _entities.get(type(page))
        return self.link(entity(page, self)) if entity is not None else None

    def as_data(self):
        return {"@context": SCHEMA_CONTEXT, "@graph": list(self.nodes.values())}


def page_address(page):
    """The page's canonical address on its own site, as the API and the head give it."""
    return page.get_full_url()


def page_graph(page, site_settings, trail):
    """The JSON-LD data of ``page``: its graph under the schema.org context.

    ``trail`` is the pages from the site's home page down to ``page`` (inclusive) that
    the breadcrumbs show; ``site_settings`` the site's settings.
    """
    _site_id, root_url, _path = page.get_url_parts()
    graph = PageGraph(page, root_url)
    organization = graph.link(organization_node(graph, site_settings))
    website = graph.link(
        {
            "@type": "WebSite",
            "@id": graph.site_id("website"),
            "url": f"{graph.site_root_url}/",
            "name": site_settings.organization_name,
            "publisher": organization,
        }
    )
    graph.webpage.update(isPartOf=website, publisher=organization)
    if len(trail) > 1:
        graph.webpage["breadcrumb"] = graph.link(breadcrumb_node(graph, trail))
    main_entity = graph.entity(page)
    if main_entity is not None:
        graph.webpage["mainEntity"] = main_entity
    for contribute in contributions_of(type(page)):
        contribute(page, graph)
    return graph.as_data()


def organization_node(graph, site_settings):
    node = {
        "@type": "MedicalOrganization",
        "@id": graph.site_id("organization"),
        "name": site_settings.organization_name,
        "url": f"{graph.site_root_url}/",
    }
    logo = site_settings.logo
    if logo is not None:
        url = prefetch.remember(("logo-url", logo.pk), lambda: logo.get_rendition(LOGO_SPEC).url)
        node["logo"] = absolute(graph, url)
    if site_settings.phone_24_7:
        node["telephone"] = site_settings.phone_24_7
    return node


def breadcrumb_node(graph, trail):
    return {
        "@type": "BreadcrumbList",
        "@id": graph.page_id("breadcrumb"),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page_address(page),
            }
            for position, page in enumerate(trail, start=1)
        ],
    }


def absolute(graph, url):
    """A media address made absolute on the page's site, as the graph's other addresses are."""
    return url if "://" in url else f"{graph.site_root_url}{url}"


def breadcrumb_trail(page):
    """The live pages from the site's home page (depth 2) down to ``page``, inclusive.

    Read once per API answer, with the API's breadcrumbs (core.models.APIPageMixin).
    """
    ancestors = prefetch.remember(
        ("ancestors", page.path[: -page.steplen]),
        lambda: list(page.get_ancestors().filter(depth__gte=2).live()),
    )
    return [*ancestors, page]


def script_safe_json(data):
    """``data`` as JSON that may stand inside a ``<script>`` element as it is."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        SCRIPT_SAFE_ESCAPES
    )
