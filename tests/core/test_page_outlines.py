"""A new procedure, condition or location page starts from its site's outline
(issue #20, "Page outlines"), generated over every page type that has one."""

import pytest
from django.urls import reverse

from outlines.models import PageOutlines
from tests.builders import a_page_of_type_in, a_site

pytestmark = pytest.mark.django_db

OUTLINED_TYPES = list(PageOutlines.outlined_page_types)


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
