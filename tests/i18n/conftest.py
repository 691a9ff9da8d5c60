import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from leads.models import LeadFormPage
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedureIndexPage, ProcedurePage
from tests.conftest import default_site


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def spanish(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def lumbar(english):
    return ProcedurePage.objects.get(alias_of=None, slug="lumbar-foraminotomy", locale=english)


@pytest.fixture
def lumbar_es(lumbar, spanish):
    return lumbar.get_translation(spanish)


@pytest.fixture
def new_procedure(english):
    """A live English procedure, not translated yet, under the English procedures index."""
    page = ProcedurePageFactory(
        parent=ProcedureIndexPage.objects.in_site(default_site()).get(locale__language_code="en"),
        title="Endoscopic Rhizotomy",
        slug="endoscopic-rhizotomy",
        summary="Numbs the small nerves of painful facet joints.",
    )
    page.save_revision().publish()
    return page


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


@pytest.fixture
def review_form(db):
    """The English lead form the "free review" call to action leads to."""
    return LeadFormPage.objects.get(slug="free-mri-ct-review", locale__language_code="en")


@pytest.fixture
def review_form_es(review_form, spanish):
    """The free review form translated and published in Spanish (the demo has none)."""
    translation = start_translation(review_form, spanish)
    translate_segments(translation, {"Free MRI/CT Review": "Revisión gratuita de RM/TC"})
    return publish_target(translation)
