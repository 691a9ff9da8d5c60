"""Which live pages show an object: those that link to or embed it, and those it points at.

Wagtail's reference index knows both directions. The front cache purges these pages
when the object changes, and the change events tell partners they changed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex


def _live_pages(ids):
    return Page.objects.live().filter(pk__in=ids).specific(defer=True)


def pages_referencing(obj):
    """Live pages that link to or embed ``obj`` (through choosers, blocks, rich text)."""
    page_type = ContentType.objects.get_for_model(Page)
    source_ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    return _live_pages({int(value) for value in source_ids.values_list("object_id", flat=True)})


def pages_referencing_any(pages):
    """Live pages that link to any page of the queryset ``pages``, in one query."""
    page_type = ContentType.objects.get_for_model(Page)
    target_ids = pages.annotate(id_text=Cast("pk", models.CharField())).values("id_text")
    sources = ReferenceIndex.objects.filter(
        to_content_type=page_type, to_object_id__in=target_ids, base_content_type=page_type
    )
    return _live_pages({int(value) for value in sources.values_list("object_id", flat=True)})


def pages_referenced_by(obj):
    """Live pages that ``obj`` points at, e.g. the procedure a testimonial belongs to."""
    page_type = ContentType.objects.get_for_model(Page)
    targets = ReferenceIndex.get_references_for_object(obj).filter(to_content_type=page_type)
    return _live_pages({int(value) for value in targets.values_list("to_object_id", flat=True)})


def pages_showing(obj):
    """Live pages whose content shows ``obj``: those embedding it and those it belongs to
    (a testimonial's procedure lists it), without duplicates, by id."""
    pages = {page.pk: page for page in pages_referencing(obj)}
    pages.update((page.pk, page) for page in pages_referenced_by(obj))
    return [pages[pk] for pk in sorted(pages)]
