"""Translating pages and snippets with wagtail-localize: the flow, sync, PO files.

The demo's own Spanish translations are checked by the demo smoke suite in tests/demo.
"""

import polib
import pytest
from wagtail_localize.models import StringSegment

from procedures.models import ProcedurePage
from tests.localization.builders_sites import a_new_procedure
from tests.localization.helpers import publish_target, start_translation, translate_segments
from tests.localization.translation_builders import (
    a_clinic_offering,
    a_clinic_with_a_photo,
    a_lumbar_foraminotomy,
    a_translated_clinic_offering,
    a_translated_site,
)

pytestmark = pytest.mark.django_db

RECEPTION_PHOTO = {
    "Bright reception with seating and a front desk": (
        "Recepción luminosa con asientos y un mostrador de atención"
    )
}


@pytest.fixture
def site():
    return a_translated_site()


@pytest.fixture
def spanish(site):
    """The Spanish locale, which the built site is translated into."""
    return site.spanish.home.locale


@pytest.fixture
def new_procedure(site):
    return a_new_procedure(site.english)


@pytest.fixture
def lumbar_pair(site):
    """The lumbar foraminotomy and its Spanish translation."""
    return a_lumbar_foraminotomy(site)


@pytest.fixture
def lumbar(lumbar_pair):
    return lumbar_pair[0]


@pytest.fixture
def lumbar_es(lumbar_pair):
    return lumbar_pair[1]


def html_of(client, site, page):
    return client.get(page.relative_url(site.site), headers=site.headers).content.decode()


def test_a_page_is_translated_segment_by_segment_and_falls_back_to_the_source(
    client, site, new_procedure, spanish
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
    assert page_es.relative_url(site.site) == "/es/procedimientos/rizotomia-endoscopica/"
    html = html_of(client, site, page_es)
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
    client, site, new_procedure, spanish
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
    html = html_of(client, site, page_es)
    assert "Rizotomía endoscópica" in html
    assert "Adormece los nervios de las facetas." in html
    assert translation.get_progress() == (
        StringSegment.objects.filter(source=translation.source).count(),
        StringSegment.objects.filter(source=translation.source).count(),
    )


def test_gallery_photos_are_translated_row_by_row(client, site, spanish):
    [(alt_text, _spanish_alt_text)] = RECEPTION_PHOTO.items()
    translation = start_translation(a_clinic_with_a_photo(site, alt_text), spanish)
    translate_segments(translation, RECEPTION_PHOTO)
    dallas_es = publish_target(translation)
    photo = dallas_es.gallery_images.first()
    assert photo.locale == spanish
    assert photo.alt_text == "Recepción luminosa con asientos y un mostrador de atención"
    assert 'alt="Recepción luminosa con asientos y un mostrador de atención"' in (
        html_of(client, site, dallas_es)
    )


def test_the_spanish_page_is_a_separate_page_with_its_own_address(site, lumbar, lumbar_es):
    assert isinstance(lumbar_es, ProcedurePage)
    assert lumbar_es.translation_key == lumbar.translation_key
    assert lumbar_es.get_full_url() == f"http://{site.host}/es/procedimientos/foraminotomia-lumbar/"


def test_a_spanish_procedure_lists_each_location_once_spanish_where_translated(
    client, site, lumbar, lumbar_es, spanish
):
    a_translated_clinic_offering(site, lumbar)
    a_clinic_offering(site, lumbar, title="Houston, TX")
    listed = lumbar_es.listed_locations()
    assert len({location.translation_key for location in listed}) == len(listed)
    assert "/es/centros/dallas-tx/" in [location.relative_url(site.site) for location in listed]
    html = html_of(client, site, lumbar_es)
    for location in listed:
        url = location.relative_url(site.site)
        if location.locale == spanish:
            assert f'href="{url}">' in html
        else:
            # Not translated yet: the English page, marked as such.
            assert location.get_translation_or_none(spanish) is None
            assert f'href="{url}" lang="en" hreflang="en">' in html
