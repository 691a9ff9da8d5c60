"""Bulk-generated content for load tests (`manage.py generate_load_content`).

What is created, in every requested language (the default language, English, is
the source; each other language gets a translation of every generated page and
testimonial):

- procedure and location pages under the default site's sections, cloned from
  the demo pages of the same section and language, with bodies of 8 to 15
  blocks drawn from those demo pages (so images point at the demo images, whose
  renditions exist). A language whose section has no demo page of the type
  takes the English blocks and fields. Slugs ``load-procedure-<n>`` and
  ``load-location-<n>`` in English, ``carga-procedimiento-<n>`` and
  ``carga-centro-<n>`` in Spanish;
- testimonials ("Load patient <n>"), the Spanish ones in the words of the
  Spanish translation of the demo testimonial they were cloned from (in English
  where the demo testimonial has none);
- their search index and reference index entries, as publishing would have
  made them.

A translation is a plain translated object: the English object's
``translation_key`` in the other locale, under the translated section, with the
English object's links (conditions, procedure, location), as wagtail-localize
leaves them. No wagtail-localize ``TranslationSource`` or ``Translation`` is
made (that costs several queries per object and load tests never edit through
it), so the admin shows generated translations as ordinary pages and snippets,
not as synchronised ones. Nothing has a revision.

Rows are written with bulk inserts, a transaction per batch: one ``Page`` row and
one page-type row per page, tree paths computed here, rather than ``add_child``
and ``save_revision`` per page, which cost a third of a second each. Running
again only adds what is missing: English objects by number, translations for
English objects that lack them.
"""

import random
import uuid
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.search.backends import get_search_backend

from demo.people import demo_authorization
from locations.models import LocationIndexPage, LocationPage
from people.consent import TestimonialAuthorization
from people.models import Testimonial
from procedures.models import ProcedureCondition, ProcedureIndexPage, ProcedurePage

BODY_BLOCKS_MIN = 8
BODY_BLOCKS_MAX = 15
BATCH_SIZE = 1000
PAGE_TREE_FIELDS = {"id", "page_ptr", "path", "depth", "numchild", "url_path", "draft_title"}
TESTIMONIAL_PREFIX = "Load patient "
TESTIMONIAL_TEXT_FIELDS = ("condition_label", "procedure_label", "headline_quote", "disclosure")


class LoadContentError(Exception):
    """The site lacks what the generated content is cloned from or hangs under."""


@dataclass(frozen=True)
class PageKind:
    label: str
    model: type
    section_model: type
    name_field: str  # the demo page attribute that generated titles are made from
    slug_prefixes: dict  # language code -> slug prefix
    title_patterns: dict  # language code -> title with {name} and {n}


PROCEDURES = PageKind(
    "procedures",
    ProcedurePage,
    ProcedureIndexPage,
    "title",
    {"en": "load-procedure-", "es": "carga-procedimiento-"},
    {"en": "{name} variant {n}", "es": "{name} variante {n}"},
)
LOCATIONS = PageKind(
    "locations",
    LocationPage,
    LocationIndexPage,
    "city",
    {"en": "load-location-", "es": "carga-centro-"},
    {"en": "{name} clinic {n}", "es": "Centro de {name} {n}"},
)
SUPPORTED_LANGUAGES = tuple(PROCEDURES.slug_prefixes)


@dataclass
class PageSpec:
    template: Page  # demo page whose other fields the new page copies
    number: int
    title: str
    translation_key: uuid.UUID
    body: StreamValue


def batched(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _block_pool(pages):
    """The pages' body blocks as (type, value), read from the database once.

    New bodies share these values: converting raw block data per page would cost a
    query per chooser block type and page when the bodies are indexed.
    """
    return [(child.block_type, child.value) for page in pages for child in page.body]


def _random_body(model, pool, rng):
    count = rng.randint(BODY_BLOCKS_MIN, BODY_BLOCKS_MAX)
    blocks = [
        (block_type, value, str(uuid.uuid4())) for block_type, value in rng.choices(pool, k=count)
    ]
    return StreamValue(model._meta.get_field("body").stream_block, blocks)


def _clone_values(template, model):
    return {
        field.attname: getattr(template, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in PAGE_TREE_FIELDS and not field.primary_key
    }


def _next_step(parent):
    last = parent.get_last_child()
    return last._get_lastpos_in_path() + 1 if last else 1


def _without_children(page):
    """Empty in-memory child relations, so indexing the page does not query for them."""
    for relation in get_all_child_relations(type(page)):
        setattr(page, relation.get_accessor_name(), [])


def bulk_add_pages(parent, kind, locale, specs):
    """Insert one live ``kind`` page per spec as the last children of ``parent``."""
    model = kind.model
    prefix = kind.slug_prefixes[locale.language_code]
    step = _next_step(parent)
    depth = parent.depth + 1
    now = timezone.now()
    pages = []
    for offset, spec in enumerate(specs):
        slug = f"{prefix}{spec.number}"
        values = _clone_values(spec.template, model)
        values.update(
            title=spec.title,
            draft_title=spec.title,
            slug=slug,
            path=Page._get_path(parent.path, depth, step + offset),
            depth=depth,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            locale_id=locale.pk,
            translation_key=spec.translation_key,
            alias_of_id=None,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            latest_revision_id=None,
            live_revision_id=None,
            latest_revision_created_at=None,
            locked=False,
            locked_at=None,
            locked_by_id=None,
            body=spec.body,
        )
        pages.append(model(**values))
    base_rows = Page.objects.bulk_create([Page(**_base_values(page)) for page in pages])
    for page, base in zip(pages, base_rows, strict=True):
        page.pk = page.page_ptr_id = page.id = base.pk
        _without_children(page)
    # Django's bulk_create refuses multi-table models; its insert does the page-type rows
    # in one statement as it does for any model.
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    return pages


def _base_values(page):
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if not field.primary_key
    }


def index_objects(model, objects):
    """Search and reference index entries, as saving or publishing would have made them."""
    get_search_backend().add_bulk(model, objects)
    content_types = [
        ContentType.objects.get_for_model(cls, for_concrete_model=False)
        for cls in [model] + model._meta.get_parent_list()
    ]
    # The objects are new, so every reference is new: rows for all of them at once
    # instead of create_or_update_for_object's lookups per object.
    ReferenceIndex.objects.bulk_create(
        (
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=str(obj.pk),
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for obj in objects
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(obj)
            )
        ),
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def _section(kind, home):
    section = kind.section_model.objects.child_of(home).first()
    if section is None:
        raise LoadContentError(f"No {kind.label} section on the default site: load the demo first.")
    return section


def _demo_pages(kind, section, language_code):
    return list(
        kind.model.objects.child_of(section)
        .live()
        .filter(alias_of__isnull=True)
        .exclude(slug__startswith=kind.slug_prefixes[language_code])
        .order_by("path")
    )


def _link_conditions(pages, condition_ids_per_page):
    links = []
    for page, condition_ids in zip(pages, condition_ids_per_page, strict=True):
        page_links = [
            ProcedureCondition(page_id=page.pk, condition_id=condition_id, sort_order=order)
            for order, condition_id in enumerate(condition_ids)
        ]
        page.condition_links = page_links
        links.extend(page_links)
    ProcedureCondition.objects.bulk_create(links)


def _spec(kind, locale, number, translation_key, template, names_from, pool, rng):
    name = getattr(rng.choice(names_from), kind.name_field)
    return PageSpec(
        template=template,
        number=number,
        title=kind.title_patterns[locale.language_code].format(name=name, n=number),
        translation_key=translation_key,
        body=_random_body(kind.model, pool, rng),
    )


def add_source_pages(kind, section, count, rng):
    """English pages numbered 1..count that do not exist yet; returns how many were added."""
    locale = section.locale
    prefix = kind.slug_prefixes[locale.language_code]
    templates = _demo_pages(kind, section, locale.language_code)
    if not templates:
        raise LoadContentError(f"No demo {kind.label} to clone: load the demo first.")
    existing = set(
        kind.model.objects.child_of(section)
        .filter(slug__startswith=prefix)
        .values_list("slug", flat=True)
    )
    numbers = [n for n in range(1, count + 1) if f"{prefix}{n}" not in existing]
    pool = _block_pool(templates)
    conditions = sorted(set(ProcedureCondition.objects.values_list("condition_id", flat=True)))
    for batch in batched(numbers):
        specs = [
            _spec(kind, locale, n, uuid.uuid4(), rng.choice(templates), templates, pool, rng)
            for n in batch
        ]
        with transaction.atomic():
            pages = bulk_add_pages(section, kind, locale, specs)
            if kind.model is ProcedurePage:
                picks = [rng.sample(conditions, min(2, len(conditions))) for _page in pages]
                _link_conditions(pages, picks)
            index_objects(kind.model, pages)
    return len(numbers)


def add_page_translations(kind, section, locale, rng):
    """A ``locale`` page for every generated English page that lacks one; returns how many."""
    target_section = section.get_translation_or_none(locale)
    if target_section is None:
        raise LoadContentError(
            f"The {kind.label} section has no {locale.language_code} translation: "
            "load the demo first."
        )
    source_language = section.locale.language_code
    source_prefix = kind.slug_prefixes[source_language]
    english_templates = _demo_pages(kind, section, source_language)
    templates = _demo_pages(kind, target_section, locale.language_code)
    pool = _block_pool(templates) or _block_pool(english_templates)
    names_from = templates or english_templates
    translated = kind.model.objects.filter(locale=locale).values("translation_key")
    source_ids = list(
        kind.model.objects.child_of(section)
        .filter(slug__startswith=source_prefix)
        .exclude(translation_key__in=translated)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    for batch in batched(source_ids):
        sources = kind.model.objects.filter(pk__in=batch).order_by("path")
        if kind.model is ProcedurePage:
            sources = sources.prefetch_related("condition_links")
        sources = list(sources)
        specs = [
            _spec(
                kind,
                locale,
                int(source.slug.removeprefix(source_prefix)),
                source.translation_key,
                rng.choice(templates) if templates else source,
                names_from,
                pool,
                rng,
            )
            for source in sources
        ]
        with transaction.atomic():
            pages = bulk_add_pages(target_section, kind, locale, specs)
            if kind.model is ProcedurePage:
                picks = [
                    [link.condition_id for link in source.condition_links.all()]
                    for source in sources
                ]
                _link_conditions(pages, picks)
            index_objects(kind.model, pages)
    return len(source_ids)


def _testimonial(template, **values):
    texts = {field: getattr(template, field) for field in TESTIMONIAL_TEXT_FIELDS}
    return Testimonial(
        **texts,
        quotes=template.quotes.raw_data,
        live=True,
        has_unpublished_changes=False,
        **values,
    )


def _live_page_ids(model, locale):
    pages = model.objects.live().filter(locale=locale, alias_of__isnull=True)
    return list(pages.values_list("pk", flat=True))


def _insert_testimonials(testimonials):
    with transaction.atomic():
        Testimonial.objects.bulk_create(testimonials)
        index_objects(Testimonial, testimonials)


def add_source_testimonials(count, locale, rng):
    """English testimonials numbered 1..count that do not exist yet; returns how many."""
    in_locale = Testimonial.objects.filter(locale=locale)
    existing = set(
        in_locale.filter(display_name__startswith=TESTIMONIAL_PREFIX).values_list(
            "display_name", flat=True
        )
    )
    templates = list(in_locale.exclude(display_name__startswith=TESTIMONIAL_PREFIX))
    if not templates:
        raise LoadContentError("No demo testimonials to clone: load the demo first.")
    procedures = _live_page_ids(ProcedurePage, locale)
    locations = _live_page_ids(LocationPage, locale)
    numbers = [n for n in range(1, count + 1) if f"{TESTIMONIAL_PREFIX}{n}" not in existing]
    for batch in batched(numbers):
        testimonials = []
        for n in batch:
            template = rng.choice(templates)
            testimonials.append(
                _testimonial(
                    template,
                    display_name=f"{TESTIMONIAL_PREFIX}{n}",
                    locale_id=locale.pk,
                    translation_key=uuid.uuid4(),
                    procedure_id=rng.choice(procedures),
                    location_id=rng.choice(locations),
                    condition_id=template.condition_id,
                )
            )
        _insert_testimonials(testimonials)
        # Each generated patient signs for their words; translations share the signature.
        TestimonialAuthorization.objects.bulk_create(
            demo_authorization(testimonial, timezone.localdate()) for testimonial in testimonials
        )
    return len(numbers)


def add_testimonial_translations(source_locale, locale):
    """A ``locale`` version of every generated English testimonial that lacks one."""
    demo = Testimonial.objects.exclude(display_name__startswith=TESTIMONIAL_PREFIX)
    translations = {t.translation_key: t for t in demo.filter(locale=locale)}
    # Generated testimonials copy a demo testimonial's words: its translation has them in
    # the other language. Without one they stay in English, as wagtail-localize would
    # leave an untranslated snippet, rather than borrow another patient's words.
    translation_by_quote = {
        t.headline_quote: translations.get(t.translation_key)
        for t in demo.filter(locale=source_locale)
    }
    translated = Testimonial.objects.filter(locale=locale).values("translation_key")
    source_ids = list(
        Testimonial.objects.filter(
            locale=source_locale, display_name__startswith=TESTIMONIAL_PREFIX
        )
        .exclude(translation_key__in=translated)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for batch in batched(source_ids):
        testimonials = []
        for source in Testimonial.objects.filter(pk__in=batch).order_by("pk"):
            template = translation_by_quote.get(source.headline_quote) or source
            testimonials.append(
                _testimonial(
                    template,
                    display_name=source.display_name,
                    locale_id=locale.pk,
                    translation_key=source.translation_key,
                    procedure_id=source.procedure_id,
                    location_id=source.location_id,
                    condition_id=source.condition_id,
                )
            )
        _insert_testimonials(testimonials)
    return len(source_ids)


def configured_languages():
    return [code for code, _name in settings.LANGUAGES]


def _locales(languages):
    default_language = Locale.get_default().language_code
    if default_language not in languages:
        raise LoadContentError(
            f"The default language ({default_language}) is the source of the translations "
            "and cannot be left out."
        )
    unknown = sorted(set(languages) - set(SUPPORTED_LANGUAGES))
    if unknown:
        raise LoadContentError(f"No load content names for: {', '.join(unknown)}.")
    translations = []
    for code in dict.fromkeys(languages):
        if code != default_language:
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                raise LoadContentError(f"No {code} locale: load the demo first.")
            translations.append(locale)
    return Locale.get_default(), translations


def generate(procedures, locations, testimonials, languages=None, seed=9):
    """Add what is missing; returns the number created per kind and language."""
    source_locale, target_locales = _locales(languages or configured_languages())
    rng = random.Random(seed)
    home = Site.objects.get(is_default_site=True).root_page
    created = Counter()
    for kind, count in ((PROCEDURES, procedures), (LOCATIONS, locations)):
        section = _section(kind, home)
        created[(kind.label, source_locale.language_code)] = add_source_pages(
            kind, section, count, rng
        )
        for locale in target_locales:
            created[(kind.label, locale.language_code)] = add_page_translations(
                kind, section, locale, rng
            )
    created[("testimonials", source_locale.language_code)] = add_source_testimonials(
        testimonials, source_locale, rng
    )
    for locale in target_locales:
        created[("testimonials", locale.language_code)] = add_testimonial_translations(
            source_locale, locale
        )
    return created
