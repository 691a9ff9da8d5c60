"""The translation editor names a segment by block and field: "Benefit 2 › Benefit title"."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from localization import segment_labels
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, spanish, stream
from tests.localization.helpers import start_translation

pytestmark = pytest.mark.django_db

BENEFITS = {
    "heading": "Benefits of Lumbar Foraminotomy",
    "items": [
        {"title": "Relief", "text": "Pain and numbness are relieved after surgery."},
        {"title": "Outpatient", "text": "Usually performed as an outpatient procedure."},
    ],
}


def translation_editor_segments(client, page):
    """The segments the translation editor shows for page's Spanish translation, by source."""
    translation = start_translation(page, spanish())
    translation.save_target(publish=False)
    target = translation.get_target_instance()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    editor = BeautifulSoup(response.content, "html.parser").find(class_="js-translation-editor")
    props = json.loads(editor["data-props"])
    return {
        segment["source"]: segment["location"]
        for segment in props["segments"]
        if segment["type"] == "string"
    }


@pytest.fixture
def procedure_with_benefits():
    site = a_site()
    site.in_spanish()
    page = ProcedurePageFactory(parent=site.procedures, body=stream("benefits", BENEFITS))
    page.save_revision().publish()
    return page


def test_each_benefit_segment_names_its_benefit_and_field(admin_client, procedure_with_benefits):
    locations = translation_editor_segments(admin_client, procedure_with_benefits)
    assert locations["Relief"]["field"] == "Benefits"
    assert locations["Relief"]["subField"] == "Benefit 1 › Benefit title"
    assert locations["Outpatient"]["subField"] == "Benefit 2 › Benefit title"
    text = locations["Usually performed as an outpatient procedure."]
    assert text["subField"] == "Benefit 2 › Benefit text"
    assert text["fieldHelpText"] == "One sentence that explains the title to a patient."
    assert locations["Benefits of Lumbar Foraminotomy"]["subField"] == "Heading"


def test_installing_twice_wraps_once():
    from wagtail_localize.views import edit_translation

    installed = edit_translation.get_segment_location_info
    segment_labels.install()
    assert edit_translation.get_segment_location_info is installed
    assert not hasattr(installed.__wrapped__, segment_labels.MARKER)
