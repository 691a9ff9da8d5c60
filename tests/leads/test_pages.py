"""Where lead forms live, how editors build them, and the calls to action that lead to them."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.factories import CallToActionFactory
from core.models import CallToAction, SiteCallToAction, SiteSettings
from home.models import HomePage
from leads.models import LeadFormPage
from locations.factories import LocationPageFactory
from locations.models import LocationPage
from procedures.models import ProcedureIndexPage
from tests.builders import a_site
from tests.leads.helpers import (
    a_call_back_form,
    a_connect_form,
    a_mri_review_form,
    an_info_kit_form,
)

pytestmark = pytest.mark.django_db


class TestLeadFormPages(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.site = a_site()

    def test_forms_live_under_the_home_page_or_a_clinic(self):
        self.assertAllowedParentPageTypes(LeadFormPage, {HomePage, LocationPage})
        self.assertCanNotCreateAt(ProcedureIndexPage, LeadFormPage)

    def test_an_editor_builds_a_form_with_ordered_fields_an_upload_and_thank_you_text(self):
        home = self.site.home
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
        page = LeadFormPage.objects.child_of(home).get(slug="second-opinion")
        assert [field.clean_name for field in page.get_form_fields()] == ["your_name", "scan"]
        assert page.has_upload

    def test_editors_preview_the_form_and_its_thank_you_page(self):
        page = a_mri_review_form(self.site)
        self.assertPageIsPreviewable(page, mode="form")
        self.assertPageIsPreviewable(page, mode="landing")

    def test_a_form_under_a_clinic_carries_it(self):
        dallas = LocationPageFactory(parent=self.site.locations, title="Dallas, Texas")
        call_back = a_call_back_form(dallas)
        assert call_back.location == dallas
        assert a_mri_review_form(self.site).location is None


def test_the_page_calls_to_action_lead_to_the_forms(client):
    """Calls to action that link to the forms, the site's defaults, lead from its pages to them."""
    site = a_site()
    forms = {
        "Free MRI/CT Review": a_mri_review_form(site),
        "Request a Free Info Kit": an_info_kit_form(site),
        "Connect with a Patient": a_connect_form(site),
    }
    settings = SiteSettings.for_site(site.site)
    for heading, form in forms.items():
        call_to_action = CallToActionFactory(
            kind=CallToAction.Kind.PAGE, link_url="", link_page=form, heading=heading
        )
        SiteCallToAction.objects.create(settings=settings, call_to_action=call_to_action)
    home = client.get("/", headers=site.headers).content.decode()
    for heading, form in forms.items():
        assert heading in home
        assert f'href="{form.relative_url(site.site)}"' in home
    assert 'href="/free-mri-ct-review/"' in home
