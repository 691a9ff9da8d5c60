"""Translation steps as an editor takes them in wagtail-localize, shared by the tests."""

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def start_translation(instance, locale):
    """What "Translate this page" does: a translation source and a translation record."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    return translation


def translate_segments(translation, texts):
    """Enter string translations as an editor would in the translation editor."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments:
        if segment.string.data in texts:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data": texts[segment.string.data]},
            )


def publish_target(translation):
    """Save the translated page and publish it at once (not on commit)."""
    translation.save_target(publish=False)
    target = translation.get_target_instance()
    target.get_latest_revision().publish()
    target.refresh_from_db()
    return target
