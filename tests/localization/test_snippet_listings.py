"""Listings of translatable snippets say each row's language, can be narrowed to one, and
show live/draft as Wagtail's status tags."""

import re

import pytest
from django.urls import reverse

from core.models import CallToAction
from localization.models import SiteText
from people.factories import TestimonialFactory
from people.models import Physician, Testimonial
from tests.builders import english, spanish
from tests.localization.translation_builders import a_snippet_in_both_languages

pytestmark = pytest.mark.django_db

TRANSLATABLE_SNIPPETS = [CallToAction, Physician, SiteText, Testimonial]


def listing_url(model):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list")


def status_tags(response):
    """(classes, text) of each of Wagtail's status tags on the page."""
    return re.findall(r'<span class="(w-status[^"]*)">\s*([^<]*?)\s*</span>', response.text)


@pytest.mark.parametrize("model", TRANSLATABLE_SNIPPETS, ids=lambda model: model.__name__)
def test_the_listing_names_each_rows_language(admin_client, model):
    a_snippet_in_both_languages(model)

    response = admin_client.get(listing_url(model), {"per_page": 100})

    assert response.status_code == 200
    labels = {text for classes, text in status_tags(response) if "w-status--label" in classes}
    assert {"English", "Español"} <= labels


@pytest.mark.parametrize("model", TRANSLATABLE_SNIPPETS, ids=lambda model: model.__name__)
def test_the_listing_narrows_to_one_language(admin_client, model):
    _source, translation = a_snippet_in_both_languages(model)

    response = admin_client.get(listing_url(model), {"locale": "es", "per_page": 100})

    listed = list(response.context["object_list"])
    assert translation in listed
    assert {instance.locale_id for instance in listed} == {spanish().pk}


@pytest.fixture
def testimonial_draft():
    """A draft testimonial beside a live one."""
    TestimonialFactory(display_name="Live L.", locale=english())
    return TestimonialFactory(display_name="Draft D.", locale=english(), live=False)


def test_testimonials_show_live_and_draft_as_status_tags(admin_client, testimonial_draft):
    response = admin_client.get(listing_url(Testimonial), {"per_page": 100})

    statuses = [text for _classes, text in status_tags(response)]
    assert statuses.count("draft") == 1
    assert statuses.count("live") == Testimonial.objects.filter(live=True).count()
    assert "True" not in re.findall(r"<td[^>]*>\s*(\w+)\s*</td>", response.text)


@pytest.mark.parametrize(("status", "live"), [("draft", False), ("live", True)])
def test_testimonials_filter_by_status(admin_client, testimonial_draft, status, live):
    response = admin_client.get(listing_url(Testimonial), {"status": status, "per_page": 100})

    listed = list(response.context["object_list"])
    assert listed and {testimonial.live for testimonial in listed} == {live}
    assert (testimonial_draft in listed) == (status == "draft")
