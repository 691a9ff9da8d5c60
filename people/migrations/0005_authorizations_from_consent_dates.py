"""Each testimonial's consent-on-file date becomes an authorization in the ledger.

The old record said only that a signed consent was on file and when it was signed, not
until when: the authorization carried over is signed on that date and expires one year
after this migration runs (``LEGACY_TERM``), covering this site and partner syndication
(what the API served) for the quote. Its 164.508(c) checklist and attestation stand for
what the old rule already required before publishing (a signed form on file); the year
gives each clinic time to check the paper form and record its real terms, with the
30- and 7-day expiry warnings before the deadline. Testimonials marked live without a
consent date were never shown: they become drafts, so nothing shows without consent.
"""

import datetime

from django.db import migrations
from django.utils import timezone

LEGACY_TERM = datetime.timedelta(days=365)
CORE_ELEMENT_FIELDS = (
    "describes_information",
    "names_disclosers",
    "names_recipients",
    "states_purpose",
    "states_expiry",
    "signed_and_dated",
    "states_right_to_revoke",
    "states_no_conditioning",
    "states_redisclosure",
)


def carry_consent_dates_over(apps, schema_editor):
    Testimonial = apps.get_model("people", "Testimonial")
    TestimonialAuthorization = apps.get_model("people", "TestimonialAuthorization")
    expires_on = timezone.localdate() + LEGACY_TERM
    for testimonial in Testimonial.objects.filter(consent_on_file__isnull=False):
        TestimonialAuthorization.objects.create(
            testimonial=testimonial,
            signed_on=testimonial.consent_on_file,
            expires_on=max(expires_on, testimonial.consent_on_file + datetime.timedelta(days=1)),
            covers_site=True,
            covers_partners=True,
            covers_quote=True,
            patients_own_words=True,
            **{name: True for name in CORE_ELEMENT_FIELDS},
        )
    Testimonial.objects.filter(consent_on_file__isnull=True, live=True).update(
        live=False, has_unpublished_changes=True
    )


def restore_consent_dates(apps, schema_editor):
    Testimonial = apps.get_model("people", "Testimonial")
    TestimonialAuthorization = apps.get_model("people", "TestimonialAuthorization")
    for authorization in TestimonialAuthorization.objects.order_by("signed_on"):
        Testimonial.objects.filter(pk=authorization.testimonial_id).update(
            consent_on_file=authorization.signed_on
        )
    TestimonialAuthorization.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0004_testimonial_authorizations")]

    operations = [migrations.RunPython(carry_consent_dates_over, restore_consent_dates)]
