"""Bulk-generated content for load tests (`manage.py generate_load_content`).

Pages are cloned from the demo pages and written with bulk inserts: one
``Page`` row and one page-type row per page, tree paths computed here, rather
than ``add_child`` per page, which costs a third of a second each. Bodies take
8 to 15 blocks drawn from the demo pages of the same type (so images point at
the few demo images, whose renditions exist). Generated pages get slugs
``load-<type>-<n>``: running again only adds what is missing.
"""

import random
import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from locations.models import LocationPage
from procedures.models import ProcedureCondition, ProcedurePage, Testimonial

BODY_BLOCKS_MIN = 8
BODY_BLOCKS_MAX = 15
PAGE_TREE_FIELDS = {"id", "page_ptr", "path", "depth", "numchild", "url_path", "draft_title"}


def _block_pool(pages):
    return [block for page in pages for block in page.body.raw_data]


def _random_body(pool, rng):
    count = rng.randint(BODY_BLOCKS_MIN, BODY_BLOCKS_MAX)
    return [dict(block, id=str(uuid.uuid4())) for block in rng.choices(pool, k=count)]


def _clone_values(template, model):
    return {
        field.attname: getattr(template, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in PAGE_TREE_FIELDS and not field.primary_key
    }


def _next_step(parent):
    last = parent.get_last_child()
    return last._get_lastpos_in_path() + 1 if last else 1


def bulk_add_pages(parent, model, templates, slugs, titles, rng):
    """Insert one ``model`` page per slug under ``parent``, cloned from ``templates``."""
    pool = _block_pool(templates)
    step = _next_step(parent)
    depth = parent.depth + 1
    now = timezone.now()
    pages = []
    for offset, (slug, title) in enumerate(zip(slugs, titles, strict=True)):
        values = _clone_values(rng.choice(templates), model)
        values.update(
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(parent.path, depth, step + offset),
            depth=depth,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            latest_revision_id=None,
            live_revision_id=None,
            body=_random_body(pool, rng),
        )
        pages.append(model(**values))
    base_rows = Page.objects.bulk_create([Page(**_base_values(page)) for page in pages])
    for page, base in zip(pages, base_rows, strict=True):
        page.pk = page.page_ptr_id = base.pk
        page.id = base.pk
        page._save_table(raw=True, cls=model, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    return pages


def _base_values(page):
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if not field.primary_key
    }


def index_pages(model, pages):
    """Search and reference index entries, as publishing would have made them."""
    get_search_backend().add_bulk(model, pages)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


def missing_numbers(model, prefix, count):
    existing = set(model.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
    return [n for n in range(1, count + 1) if f"{prefix}{n}" not in existing]


def generate_procedures(count, rng):
    templates = list(ProcedurePage.objects.live().filter(locale__language_code="en"))
    parent = templates[0].get_parent().specific
    numbers = missing_numbers(ProcedurePage, "load-procedure-", count)
    pages = bulk_add_pages(
        parent,
        ProcedurePage,
        templates,
        [f"load-procedure-{n}" for n in numbers],
        [f"{rng.choice(templates).title} variant {n}" for n in numbers],
        rng,
    )
    conditions = sorted(set(ProcedureCondition.objects.values_list("condition_id", flat=True)))
    ProcedureCondition.objects.bulk_create(
        ProcedureCondition(page_id=page.pk, condition_id=condition_id, sort_order=order)
        for page in pages
        for order, condition_id in enumerate(rng.sample(conditions, min(2, len(conditions))))
    )
    return pages


def generate_locations(count, rng):
    templates = list(LocationPage.objects.live().filter(locale__language_code="en"))
    parent = templates[0].get_parent().specific
    numbers = missing_numbers(LocationPage, "load-location-", count)
    return bulk_add_pages(
        parent,
        LocationPage,
        templates,
        [f"load-location-{n}" for n in numbers],
        [f"{rng.choice(templates).city} clinic {n}" for n in numbers],
        rng,
    )


def generate_testimonials(count, rng):
    prefix = "Load patient "
    existing = Testimonial.objects.filter(display_name__startswith=prefix).count()
    templates = list(Testimonial.objects.exclude(display_name__startswith=prefix))
    procedures = list(ProcedurePage.objects.live().values_list("pk", flat=True))
    locations = list(LocationPage.objects.live().values_list("pk", flat=True))
    new = []
    for n in range(existing + 1, count + 1):
        template = rng.choice(templates)
        new.append(
            Testimonial(
                display_name=f"{prefix}{n}",
                locale_id=template.locale_id,
                translation_key=uuid.uuid4(),
                procedure_id=rng.choice(procedures),
                location_id=rng.choice(locations),
                condition_id=template.condition_id,
                condition_label=template.condition_label,
                procedure_label=template.procedure_label,
                headline_quote=template.headline_quote,
                quotes=template.quotes.raw_data,
                consent_on_file=template.consent_on_file,
                disclosure=template.disclosure,
                live=True,
            )
        )
    Testimonial.objects.bulk_create(new, batch_size=1000)
    return new


@transaction.atomic
def generate(procedures, locations, testimonials, seed=9):
    rng = random.Random(seed)
    created = {}
    procedure_pages = generate_procedures(procedures, rng)
    location_pages = generate_locations(locations, rng)
    index_pages(ProcedurePage, procedure_pages)
    index_pages(LocationPage, location_pages)
    created["procedures"] = len(procedure_pages)
    created["locations"] = len(location_pages)
    created["testimonials"] = len(generate_testimonials(testimonials, rng))
    return created
