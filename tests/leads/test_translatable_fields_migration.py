"""leads/0002 made form fields translatable: on a database with lead forms, every existing
field takes its page's language and a translation key of its own, and nothing is lost."""

import pytest

from leads.models import LeadFormField
from tests.migration_helpers import leaf_nodes, migrate

pytestmark = pytest.mark.demo_content

BEFORE_TRANSLATABLE_FIELDS = [("leads", "0001_lead_forms_submissions_and_access_log")]


@pytest.mark.django_db(transaction=True)
def test_existing_form_fields_take_their_pages_language(content_restored_afterwards):
    before = sorted(LeadFormField.objects.values_list("pk", "page_id", "label", "clean_name"))
    assert before, "the demo content has lead forms with fields"
    migrate(BEFORE_TRANSLATABLE_FIELDS)
    migrate(leaf_nodes())

    after = LeadFormField.objects.select_related("page")
    assert sorted(after.values_list("pk", "page_id", "label", "clean_name")) == before
    for form_field in after:
        assert form_field.locale_id == form_field.page.locale_id
    keys = list(after.values_list("translation_key", "locale_id"))
    assert len(set(keys)) == len(keys)
