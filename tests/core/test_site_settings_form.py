"""The site settings form speaks an editor's language: phones as dialled, other languages linked."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from core.models import SiteSettings
from localization.models import SiteText
from tests.builders import a_site, spanish

pytestmark = pytest.mark.django_db


def settings_form(client, site):
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_24_7_phone_is_shown_in_national_format(admin_client):
    built = a_site()
    SiteSettings.objects.update_or_create(site=built.site, defaults={"phone_24_7": "+18774742225"})
    form = settings_form(admin_client, built.site)
    assert form.find("input", attrs={"name": "phone_24_7"})["value"] == "(877) 474-2225"


def test_a_number_shown_nationally_and_saved_unchanged_is_not_an_edit():
    field = SiteSettings._meta.get_field("phone_24_7").formfield()
    assert not field.has_changed("+18774742225", "(877) 474-2225")
    assert field.has_changed("+18774742225", "(877) 474-2226")


def test_the_settings_link_to_the_site_text_of_each_other_language(admin_client):
    built = a_site()
    form = settings_form(admin_client, built.site)
    add_link = form.find("a", string="Español")
    assert add_link["href"].endswith("?locale=es")

    text = SiteText.objects.create(site=built.site, locale=spanish())
    form = settings_form(admin_client, built.site)
    edit_url = reverse(SiteText.snippet_viewset.get_url_name("edit"), args=[text.pk])
    assert form.find("a", string="Español")["href"] == edit_url
