"""What an editor previewing a translation needs to know: which text is not translated yet."""

from wagtail.models import TranslatableMixin
from wagtail_localize.models import StringSegment

from localization.regulated import active_translation, regulated_paths


def untranslated_strings(instance):
    """Source texts of the segments that the translation of ``instance`` has not translated
    (wagtail-localize shows the source text in their place), regulated ones flagged."""
    if not isinstance(instance, TranslatableMixin) or not instance.translation_key:
        return []
    translation = active_translation(instance)
    if translation is None:
        return []
    paths = regulated_paths(translation.source.as_instance())
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .select_related("context", "string")
        .order_by("order")
    )
    return [
        {
            "text": segment.string.data,
            "regulated": any(
                segment.context.path == path or segment.context.path.startswith(path + ".")
                for path in paths
            ),
        }
        for segment in segments
    ]
