"""Which live pages show an object: those that link to or embed it.

Wagtail's reference index knows them. The front cache purges these pages when the
object changes, and the change events tell partners they changed.
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


def pages_showing(obj):
    """Live pages whose content shows ``obj``: those that embed or list it.

    The pages ``obj`` itself points at (a testimonial's procedure, a call to action's
    form) do not show it and are left out.
    """
    return list(pages_referencing(obj).order_by("pk"))
