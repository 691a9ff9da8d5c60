"""The site settings form speaks an editor's language: phones as dialled, colours with their
contrast, other languages linked."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Locale

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


def language_name(locale):
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES)[locale.language_code]


def test_the_settings_link_to_the_site_text_of_each_other_language(admin_client):
    built = a_site()
    spanish()
    form = settings_form(admin_client, built.site)
    for locale in Locale.objects.exclude(pk=Locale.get_default().pk):
        add_link = form.find("a", string=language_name(locale))
        add_form = BeautifulSoup(admin_client.get(add_link["href"]).content, "html.parser")
        chosen_site = add_form.find("select", attrs={"name": "site"}).find("option", selected=True)
        assert chosen_site["value"] == str(built.site.pk), locale

        text = SiteText.objects.create(site=built.site, locale=locale)
        form = settings_form(admin_client, built.site)
        edit_url = reverse(SiteText.snippet_viewset.get_url_name("edit"), args=[text.pk])
        assert form.find("a", string=language_name(locale))["href"] == edit_url


def test_the_settings_link_to_this_site_text_not_another_site_s(admin_client):
    built, other = a_site(), a_site()
    SiteText.objects.create(site=other.site, locale=spanish())
    form = settings_form(admin_client, built.site)
    add_link = urlsplit(form.find("a", string=language_name(spanish()))["href"])
    assert add_link.path == reverse(SiteText.snippet_viewset.get_url_name("add"))
    assert parse_qs(add_link.query) == {"locale": ["es"], "site": [str(built.site.pk)]}


def test_a_default_language_site_text_is_linked_as_shown_instead_of_the_fields(admin_client):
    built = a_site()
    spanish()
    default = Locale.get_default()
    form = settings_form(admin_client, built.site)
    assert form.find("a", string=language_name(default)) is None  # the fields above are used

    text = SiteText.objects.create(site=built.site, locale=default)
    form = settings_form(admin_client, built.site)
    link = form.find("a", string=language_name(default))
    assert link["href"] == reverse(SiteText.snippet_viewset.get_url_name("edit"), args=[text.pk])
    assert "shown instead of the text above" in link.parent.get_text()


@pytest.mark.parametrize("field", ["brand_colour", "accent_colour"])
def test_a_colour_field_pairs_a_labelled_picker_with_a_worded_contrast_result(admin_client, field):
    built = a_site()
    SiteSettings.objects.update_or_create(site=built.site, defaults={field: "#0b4f5c"})
    form = settings_form(admin_client, built.site)
    text = form.find("input", attrs={"name": field})
    picker = form.find("input", attrs={"type": "color", "id": f"{text['id']}-picker"})
    assert picker["value"] == "#0b4f5c"
    labels = [form.find(id=name).get_text(strip=True) for name in picker["aria-labelledby"].split()]
    assert labels[0].startswith(str(SiteSettings._meta.get_field(field).verbose_name.capitalize()))
    assert labels[1] == "Colour picker"
    result = form.find(id=f"{text['id']}-contrast")
    assert result["id"] in text["aria-describedby"].split()
    assert result["aria-live"] == "polite"
    assert result.get_text(strip=True) == (
        "White text on this colour: 9.2:1. WCAG AA: pass (at least 4.5:1)."
    )


@pytest.mark.parametrize(
    ("colour", "words"),
    [("#ffcc00", "WCAG AA: fail"), ("#0b4f5", "six hexadecimal digits"), ("", "default theme")],
)
def test_the_contrast_result_says_in_words_what_saving_would_say(admin_client, colour, words):
    built = a_site()
    SiteSettings.objects.update_or_create(site=built.site, defaults={"brand_colour": colour})
    form = settings_form(admin_client, built.site)
    assert words in form.find(id="id_brand_colour-contrast").get_text()


def test_the_colour_fields_run_our_own_script_under_the_admin_policy(admin_client):
    built = a_site()
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", built.site.pk])
    response = admin_client.get(url)
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["default-src"] == "'self'"
    form = BeautifulSoup(response.content, "html.parser")
    scripts = [script["src"] for script in form.find_all("script", src=True)]
    assert static("core/js/colour-contrast.js") in scripts
    assert all(not urlsplit(src).netloc for src in scripts)  # nothing from another origin
    for widget in form.find_all(attrs={"data-controller": "colour-contrast"}):
        assert widget.find("script") is None
        handlers = [
            name for tag in widget.find_all(True) for name in tag.attrs if name.startswith("on")
        ]
        assert handlers == []
