"""A new procedure, condition or location page starts from its site's outline
(issue #20, "Page outlines"), generated over every page type that has one and every
content language."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale

from outlines.models import PageOutlines
from tests.builders import a_page_of_type_in, a_site, a_translation

pytestmark = pytest.mark.django_db

OUTLINED_TYPES = list(PageOutlines.outlined_page_types)
CONTENT_LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def add_page_url(built_site, page_type):
    [parent_type] = [
        model for model in page_type.allowed_parent_page_models() if model.__name__ != "Page"
    ]
    parent = a_page_of_type_in(built_site, parent_type)
    meta = page_type._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def first_text(stream_data):
    """The first guidance text of an outline, as the add-page form must show it."""
    value = stream_data[0]["value"]
    while isinstance(value, dict):
        value = next(iter(value.values()))
    return value


@pytest.fixture
def sites():
    """A site with the network's outlines (never saved) and one with outlines of its own."""
    network, clinic = a_site(), a_site()
    own = PageOutlines(site=clinic.site)
    for _page_field, outline_field in PageOutlines.outlined_page_types.values():
        guidance = f"[Replace: {outline_field} of {clinic.site.site_name}]"
        setattr(own, outline_field, [{"type": "heading", "value": {"text": guidance}}])
    own.save()
    return network, clinic


@pytest.mark.parametrize("page_type", OUTLINED_TYPES, ids=lambda model: model.__name__)
def test_the_add_page_form_starts_with_the_site_outline(admin_client, sites, page_type):
    network, clinic = sites
    _page_field, outline_field = PageOutlines.outlined_page_types[page_type]
    network_outline = PageOutlines(site=network.site).outline_for(page_type)
    clinic_guidance = f"{outline_field} of {clinic.site.site_name}"

    network_form = admin_client.get(add_page_url(network, page_type)).content.decode()
    clinic_form = admin_client.get(add_page_url(clinic, page_type)).content.decode()

    assert first_text(network_outline).startswith("[Replace:")
    assert first_text(network_outline) in network_form
    assert clinic_guidance not in network_form
    assert clinic_guidance in clinic_form
    assert first_text(network_outline) not in clinic_form


def test_an_emptied_outline_starts_pages_empty(admin_client):
    built = a_site()
    PageOutlines.objects.create(
        site=built.site, procedure_outline=[], condition_outline=[], location_outline=[]
    )
    [page_type, *_others] = OUTLINED_TYPES

    form = admin_client.get(add_page_url(built, page_type)).content.decode()

    assert "[Replace:" not in form


def as_in_form(text):
    """Text as the form carries the stream's data: JSON in an HTML attribute."""
    return escape(json.dumps(text)[1:-1])


def translated_parent(built_site, page_type, language_code):
    """The parent an "add page" form of page_type uses, in the language: the site's home
    and each page down to the parent translated first, as an editor translates them."""
    [parent_type] = [
        model for model in page_type.allowed_parent_page_models() if model.__name__ != "Page"
    ]
    parent = a_page_of_type_in(built_site, parent_type)
    locale = Locale.objects.get_or_create(language_code=language_code)[0]
    for ancestor in parent.get_ancestors(inclusive=True).filter(depth__gt=1):
        translated = a_translation(ancestor.specific, locale)
    return translated


@pytest.mark.parametrize("language_code", CONTENT_LANGUAGES)
@pytest.mark.parametrize("page_type", OUTLINED_TYPES, ids=lambda model: model.__name__)
def test_a_new_page_starts_from_the_network_outline_in_its_language(
    admin_client, page_type, language_code
):
    built = a_site()
    parent = translated_parent(built, page_type, language_code)
    with translation.override(language_code):
        outline = PageOutlines(site=built.site).outline_for(page_type)
    with translation.override(settings.LANGUAGE_CODE):
        english = PageOutlines(site=built.site).outline_for(page_type)
    meta = page_type._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])

    form = admin_client.get(url).content.decode()

    assert as_in_form(first_text(outline)) in form
    assert first_text(outline).startswith("[Replace:")
    if language_code != settings.LANGUAGE_CODE:
        # Guidance and headings are in the page's language, not the editor's.
        assert first_text(outline) != first_text(english)
        assert as_in_form(first_text(english)) not in form


@pytest.mark.parametrize("language_code", CONTENT_LANGUAGES)
def test_a_site_s_own_outline_is_used_as_written_in_every_language(admin_client, language_code):
    built = a_site()
    [page_type, *_others] = OUTLINED_TYPES
    _page_field, outline_field = PageOutlines.outlined_page_types[page_type]
    own = PageOutlines(site=built.site)
    setattr(own, outline_field, [{"type": "heading", "value": {"text": "[Replace: our own]"}}])
    own.save()
    parent = translated_parent(built, page_type, language_code)
    meta = page_type._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])

    assert "[Replace: our own]" in admin_client.get(url).content.decode()
