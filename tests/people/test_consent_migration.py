"""people/0005 turns each consent-on-file date into an authorization, so that what was
shown stays shown, and makes drafts of live testimonials that had no consent date."""

import datetime
import uuid

import pytest
from django.utils import timezone

from people.models import Testimonial
from tests.migration_helpers import leaf_nodes, migrate

BEFORE = [("people", "0004_testimonial_authorizations")]
AFTER = [("people", "0006_remove_testimonial_consent_on_file")]


@pytest.mark.django_db(transaction=True)
def test_consent_dates_become_authorizations_for_a_year(content_restored_afterwards):
    try:
        old_apps = migrate(BEFORE)
        OldTestimonial = old_apps.get_model("people", "Testimonial")
        locale, _created = old_apps.get_model("wagtailcore", "Locale").objects.get_or_create(
            language_code="en"
        )

        def old_testimonial(name, consent_on_file):
            return OldTestimonial.objects.create(
                display_name=name,
                headline_quote="I walk again.",
                consent_on_file=consent_on_file,
                live=True,
                locale=locale,
                translation_key=uuid.uuid4(),
            ).pk

        consented = old_testimonial("Consented C.", datetime.date(2024, 2, 6))
        unconsented = old_testimonial("Unconsented U.", None)

        migrate(AFTER)
    finally:
        migrate(leaf_nodes())

    shown = Testimonial.objects.get(pk=consented)
    [authorization] = shown.authorizations.all()
    assert shown.live and shown.site_authorizations().exists()
    assert authorization.signed_on == datetime.date(2024, 2, 6)
    assert authorization.expires_on == timezone.localdate() + datetime.timedelta(days=365)
    assert authorization.covers_site and authorization.covers_partners
    assert authorization.covers_quote and not authorization.covers_photo
    hidden = Testimonial.objects.get(pk=unconsented)
    assert not hidden.live and not hidden.authorizations.exists()
