"""What the serialization layer knows of each model, registered by its app in AppConfig.ready().

This layer sits below every content app and imports none of their models, so
each app tells it, for its own models:

- ``select_related``: foreign keys to join whenever the scope loads objects of the model;
- ``image_fields``: the image foreign keys whose renditions the model's data shows;
- ``related_pages``: ``pages -> {page model: ids}``, the other pages that the data
  of these pages shows, so that a whole listing loads them in one query per model;
- ``prefetch``: ``pages -> None``, prefetches what the data of these pages reads;
- ``card_fields``: ``page -> dict``, what the page's card shows besides its id,
  type, title, address, summary and image;
- ``relations``: ``{name: page -> queryset}``, the page's own related pages by
  name ("conditions", "locations"), for blocks that list them when an editor
  chose none, on the site and in the API alike.

A model also has what is registered for its bases, an abstract mixin's first:
a listed page's card starts with the summary and image that ListingMixin
registers, and a procedure's adds its type and body region.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class ModelSerialization:
    select_related: tuple = ()
    image_fields: tuple = ()
    related_pages: tuple = ()
    prefetch: tuple = ()
    card_fields: tuple = ()
    relations: dict = field(default_factory=dict)

    def related_page_ids(self, pages):
        """{page model: ids} of the pages that these pages' data shows."""
        wanted = defaultdict(set)
        for collect in self.related_pages:
            for model, ids in collect(pages).items():
                wanted[model].update(ids)
        return wanted

    def prefetch_for(self, pages):
        for prefetch in self.prefetch:
            prefetch(pages)

    def card(self, page):
        fields = {}
        for card_fields in self.card_fields:
            fields.update(card_fields(page))
        return fields


NOTHING_REGISTERED = ModelSerialization()
_registered = {}
_added_relations = defaultdict(dict)
_resolved = {}


def register(model, **options):
    """Register what the serialization layer needs to know of ``model`` (see the module's doc)."""
    if model in _registered:
        raise ValueError(f"{model.__name__} is registered for serialization already.")
    _registered[model] = ModelSerialization(
        **{
            name: value if name == "relations" else tuple(_as_sequence(value))
            for name, value in options.items()
        }
    )
    _resolved.clear()


def add_relation(model, name, relation):
    """Give ``model`` a relation owned by an app above the model's own (e.g. the clinics'
    local pages of a location), which the model's app cannot register itself."""
    if name in _added_relations[model]:
        raise ValueError(f"{model.__name__} has a relation {name!r} already.")
    _added_relations[model][name] = relation
    _resolved.clear()


def serialization_of(model):
    """What is registered for ``model`` and its bases, combined."""
    if model not in _resolved:
        combined = _combine(
            _registered[base] for base in reversed(model.__mro__) if base in _registered
        )
        added = {}
        for base in reversed(model.__mro__):
            added.update(_added_relations.get(base, {}))
        _resolved[model] = replace(combined, relations={**combined.relations, **added})
    return _resolved[model]


def _as_sequence(value):
    return value if isinstance(value, (list, tuple)) else [value]


def _combine(registrations):
    combined = NOTHING_REGISTERED
    for registration in registrations:
        combined = ModelSerialization(
            select_related=combined.select_related + registration.select_related,
            image_fields=combined.image_fields + registration.image_fields,
            related_pages=combined.related_pages + registration.related_pages,
            prefetch=combined.prefetch + registration.prefetch,
            card_fields=combined.card_fields + registration.card_fields,
            relations={**combined.relations, **registration.relations},
        )
    return combined


def related(page, name):
    """The page's own related pages called ``name``; None for a type without them or a
    page not saved yet (a first preview), which has no relations to follow."""
    if page is None or page.pk is None:
        return None
    relation = serialization_of(type(page)).relations.get(name)
    return relation(page) if relation is not None else None
