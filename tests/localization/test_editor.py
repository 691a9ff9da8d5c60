"""Everything editors write can be translated in wagtail-localize's editor."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale, Page, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from core.factories import CallToActionFactory
from core.models import CallToAction
from localization.apps import ensure_content_locales
from localization.models import SiteText
from locations.models import LocationPage
from people.factories import PhysicianFactory, TestimonialFactory
from people.models import Physician, Testimonial
from tests.builders import a_page_of_type_in, a_site, english

pytestmark = pytest.mark.django_db

ENGLISH_SNIPPET_BUILDERS = {
    CallToAction: lambda: CallToActionFactory(locale=english()),
    Testimonial: lambda: TestimonialFactory(locale=english()),
    Physician: lambda: PhysicianFactory(locale=english()),
    SiteText: lambda: SiteText.objects.create(site=a_site().site, locale=english()),
}


@pytest.mark.parametrize("model", ENGLISH_SNIPPET_BUILDERS, ids=lambda model: model.__name__)
def test_every_snippet_offers_translation(admin_client, model):
    instance = ENGLISH_SNIPPET_BUILDERS[model]()
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[model._meta.app_label, model._meta.model_name, instance.pk],
    )
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "page_type",
    [model for model in get_page_models() if model is not Page],
    ids=lambda model: model._meta.label,
)
def test_every_page_type_offers_translation(admin_client, page_type):
    page = a_page_of_type_in(a_site(), page_type)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert admin_client.get(url).status_code == 200


def test_gallery_photos_are_translated_and_addresses_copied():
    fields = {field.field_name: field for field in get_translatable_fields(LocationPage)}
    assert isinstance(fields["gallery_images"], TranslatableField)
    assert isinstance(fields["street_address"], SynchronizedField)
    assert isinstance(fields["main_phone"], SynchronizedField)


@override_settings(
    WAGTAIL_CONTENT_LANGUAGES=[("en", "English"), ("es", "Español"), ("fr", "Français")]
)
def test_a_language_added_in_the_settings_gets_its_locale_on_migrate(db):
    ensure_content_locales()
    assert Locale.objects.filter(language_code="fr").exists()
