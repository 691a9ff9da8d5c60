"""Translating pages and snippets with wagtail-localize: the flow, sync, PO files, the demo."""

import polib
import pytest
from wagtail_localize.models import StringSegment, Translation

from demo.translations import LUMBAR_FORAMINOTOMY
from locations.models import LocationPage
from people.models import Testimonial
from procedures.models import ProcedurePage
from tests.helpers import default_site
from tests.localization.helpers import publish_target, start_translation, translate_segments

pytestmark = pytest.mark.demo_content


def test_the_demo_translates_the_whole_lumbar_page_through_wagtail_localize(
    client, lumbar, lumbar_es
):
    translation = Translation.objects.get(
        source__object_id=lumbar.translation_key, target_locale=lumbar_es.locale
    )
    untranslated = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(lumbar_es.locale)
        .filter(translation__isnull=True)
    )
    assert not untranslated.exists()
    assert lumbar_es.live
    html = client.get(lumbar_es.url).content.decode()
    assert LUMBAR_FORAMINOTOMY["Lumbar Foraminotomy Recovery"] in html
    assert "Lumbar Foraminotomy Recovery" not in html


def test_the_demo_translates_snippets_it_shows(spanish, lumbar_es):
    larry = Testimonial.objects.get(display_name="Larry L.", locale=spanish)
    assert larry.live and larry.disclosure.startswith("Los resultados individuales varían")
    chosen = [
        testimonial
        for block in lumbar_es.body
        if block.block_type == "testimonials"
        for testimonial in block.value["testimonials"]
    ]
    assert chosen == [larry]


def test_a_page_is_translated_segment_by_segment_and_falls_back_to_the_source(
    client, new_procedure, spanish
):
    translation = start_translation(new_procedure, spanish)
    translate_segments(
        translation,
        {
            "Endoscopic Rhizotomy": "Rizotomía endoscópica",
            "endoscopic-rhizotomy": "rizotomia-endoscopica",
        },
    )
    page_es = publish_target(translation)

    assert page_es.locale == spanish and page_es.live
    assert page_es.relative_url(default_site()) == "/es/procedimientos/rizotomia-endoscopica/"
    html = client.get(page_es.url).content.decode()
    assert "Rizotomía endoscópica" in html
    # Not translated yet: the English text stands in.
    assert "Numbs the small nerves of painful facet joints." in html


def test_sync_after_a_source_change_keeps_the_translated_segments(new_procedure, spanish):
    translation = start_translation(new_procedure, spanish)
    translate_segments(
        translation,
        {
            "Endoscopic Rhizotomy": "Rizotomía endoscópica",
            "Numbs the small nerves of painful facet joints.": "Adormece los nervios pequeños.",
        },
    )
    publish_target(translation)

    new_procedure.summary = "Calms the small nerves of painful facet joints for months."
    new_procedure.save_revision().publish()
    translation.source.update_from_db()
    page_es = publish_target(translation)

    assert page_es.title == "Rizotomía endoscópica"
    # The changed segment is new, so untranslated: the new English text shows until translated.
    assert page_es.summary == "Calms the small nerves of painful facet joints for months."
    translate_segments(
        translation,
        {"Calms the small nerves of painful facet joints for months.": "Calma los nervios."},
    )
    page_es = publish_target(translation)
    assert (page_es.title, page_es.summary) == ("Rizotomía endoscópica", "Calma los nervios.")


def test_a_translation_goes_out_as_a_po_file_and_comes_back_translated(
    client, new_procedure, spanish
):
    translation = start_translation(new_procedure, spanish)
    exported = polib.pofile(str(translation.export_po()))
    assert "Endoscopic Rhizotomy" in [entry.msgid for entry in exported]

    spanish_texts = {
        "Endoscopic Rhizotomy": "Rizotomía endoscópica",
        "Numbs the small nerves of painful facet joints.": "Adormece los nervios de las facetas.",
    }
    for entry in exported:
        entry.msgstr = spanish_texts.get(entry.msgid, f"[es] {entry.msgid}")
    warnings = translation.import_po(polib.pofile(str(exported)))
    assert warnings == []

    page_es = publish_target(translation)
    html = client.get(page_es.url).content.decode()
    assert "Rizotomía endoscópica" in html
    assert "Adormece los nervios de las facetas." in html
    assert translation.get_progress() == (
        StringSegment.objects.filter(source=translation.source).count(),
        StringSegment.objects.filter(source=translation.source).count(),
    )


def test_gallery_photos_are_translated_row_by_row(client, spanish):
    dallas_es = LocationPage.objects.get(slug="dallas-tx", locale=spanish)
    photo = dallas_es.gallery_images.first()
    assert photo.locale == spanish
    assert photo.alt_text == "Recepción luminosa con asientos y un mostrador de atención"
    assert 'alt="Recepción luminosa con asientos y un mostrador de atención"' in (
        client.get(dallas_es.url).content.decode()
    )


def test_the_spanish_page_is_a_separate_page_with_its_own_address(lumbar, lumbar_es):
    assert isinstance(lumbar_es, ProcedurePage)
    assert lumbar_es.translation_key == lumbar.translation_key
    assert lumbar_es.get_full_url() == ("http://testserver/es/procedimientos/foraminotomia-lumbar/")


def test_a_spanish_procedure_lists_each_location_once_spanish_where_translated(
    client, lumbar_es, spanish
):
    listed = lumbar_es.listed_locations()
    assert len({location.translation_key for location in listed}) == len(listed)
    assert "/es/centros/dallas-tx/" in [
        location.relative_url(default_site()) for location in listed
    ]
    html = client.get(lumbar_es.url).content.decode()
    for location in listed:
        url = location.relative_url(default_site())
        if location.locale == spanish:
            assert f'href="{url}">' in html
        else:
            # Not translated yet: the English page, marked as such.
            assert location.get_translation_or_none(spanish) is None
            assert f'href="{url}" lang="en" hreflang="en">' in html
