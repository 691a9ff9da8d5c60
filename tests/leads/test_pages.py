"""Where lead forms live, how editors build them, and the calls to action that lead to them."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.models import CallToAction
from home.models import HomePage
from leads.models import LeadFormPage
from locations.models import LocationPage
from procedures.models import ProcedureIndexPage
from tests.leads.helpers import form_page

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


class TestLeadFormPages(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_forms_live_under_the_home_page_or_a_clinic(self):
        self.assertAllowedParentPageTypes(LeadFormPage, {HomePage, LocationPage})
        self.assertCanNotCreateAt(ProcedureIndexPage, LeadFormPage)

    def test_an_editor_builds_a_form_with_ordered_fields_an_upload_and_thank_you_text(self):
        home = HomePage.objects.first()
        data = nested_form_data(
            {
                "title": "Second opinion",
                "slug": "second-opinion",
                "intro": rich_text("<p>Send us your scan.</p>"),
                "thank_you_text": rich_text("<p>Thanks, we will call.</p>"),
                "to_address": "care@example.com",
                "from_address": "",
                "subject": "",
                "form_fields": inline_formset(
                    [
                        {"label": "Your name", "field_type": "singleline", "required": "on"},
                        {"label": "Scan", "field_type": "upload", "required": "on"},
                    ]
                ),
            }
        )
        self.assertCanCreate(home, LeadFormPage, data)
        page = LeadFormPage.objects.get(slug="second-opinion")
        assert [field.clean_name for field in page.get_form_fields()] == ["your_name", "scan"]
        assert page.has_upload

    def test_editors_preview_the_form_and_its_thank_you_page(self):
        page = form_page("free-mri-ct-review")
        self.assertPageIsPreviewable(page, mode="form")
        self.assertPageIsPreviewable(page, mode="landing")

    def test_a_form_under_a_clinic_carries_it(self):
        call_back = form_page("call-me-back")
        assert call_back.location == LocationPage.objects.get(
            locale__language_code="en", slug="dallas-tx"
        )
        assert form_page("free-mri-ct-review").location is None


def test_the_page_calls_to_action_lead_to_the_forms(client):
    expected = {
        "Free MRI/CT Review": "free-mri-ct-review",
        "Request a Free Info Kit": "free-info-kit",
        "Connect with a Patient": "connect-with-a-patient",
    }
    for heading, slug in expected.items():
        call_to_action = CallToAction.objects.get(heading=heading)
        assert call_to_action.link_page.slug == slug
    home = client.get("/").content.decode()
    assert 'href="/free-mri-ct-review/"' in home
