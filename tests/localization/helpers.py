"""Translation steps as an editor takes them in wagtail-localize, and the Spanish catalog
read as the tests need it."""

import ast
import re
from pathlib import Path

import polib
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import get_template
from django.utils.translation.template import templatize
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


# --- The Spanish catalog ---------------------------------------------------------------

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0-9.]*[sdf]")
TEMPLATIZED_MSGID = re.compile(r"\b(?:gettext|ngettext)\((u'(?:[^'\\]|\\.)*')")


def catalog():
    return polib.pofile(str(CATALOG))


def template_msgids(template_name):
    """The msgids of a template's {% translate %} and {% blocktranslate %} tags, as
    makemessages reads them."""
    source = Path(get_template(template_name).origin.name).read_text()
    return {ast.literal_eval(literal) for literal in TEMPLATIZED_MSGID.findall(templatize(source))}


def english_fragments(entries):
    """The English words of untranslated-looking text: each entry's msgid (and plural) cut at
    its placeholders, for entries whose Spanish differs from the English."""
    fragments = set()
    for entry in entries:
        if entry.msgstr == entry.msgid:
            continue
        for english in filter(None, (entry.msgid, entry.msgid_plural)):
            fragments.update(
                piece.strip() for piece in PLACEHOLDER.split(english) if re.search(r"\w", piece)
            )
    return fragments


def visible_words(response):
    """What a visitor reads or hears: the text, and labels in attributes."""
    soup = BeautifulSoup(response.content, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    attributes = [
        element[name]
        for name in ("aria-label", "title", "placeholder", "alt")
        for element in soup.find_all(attrs={name: True})
    ]
    return " ".join(" ".join([soup.get_text(" "), *attributes]).split())


def english_left_in(response, po, template_names=None):
    """Fragments of the English msgids of the templates that rendered ``response`` (as the
    test client recorded them, else ``template_names``) that appear in it as whole words."""
    if template_names is None:
        template_names = [template.name for template in response.templates if template.name]
    rendered = {f"templates/{name}" for name in template_names}
    entries = [entry for entry in po if any(path in rendered for path, _line in entry.occurrences)]
    text = visible_words(response)
    return sorted(
        fragment
        for fragment in english_fragments(entries)
        if re.search(rf"(?<!\w){re.escape(' '.join(fragment.split()))}(?!\w)", text)
    )
