"""A phone call to action's button shows and dials the number of the site it is shown on.

Its label writes {phone} where the number goes; without a number of its own the
button dials the site's 24/7 phone, so changing that setting changes every
button of the site, in every language, with no label typed again.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Site

from core.factories import CallToActionFactory, PhoneCallToActionFactory
from core.models import SiteCallToAction, SiteSettings
from serialization.content_scope import ContentScope
from serialization.representation import call_to_action_data
from tests.builders import a_site
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db

#: A number no site of the demo uses (555-01xx is reserved for fiction).
NEW_PHONE = "+12145550111"
NEW_PHONE_DISPLAY = "(214) 555-0111"


def phone_buttons(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (" ".join(button.get_text(" ").split()), button["href"])
        for button in soup.select(".cta--phone .cta__button")
    ]


def a_site_with_phone(phone):
    built = a_site()
    settings = SiteSettings.for_site(built.site)
    settings.phone_24_7 = phone
    settings.save()
    built.settings = settings
    return built


def test_a_phone_call_without_a_number_shows_and_dials_the_site_phone(client):
    built = a_site_with_phone("+18774742225")
    cta = PhoneCallToActionFactory(phone="", button_label="Call {phone}")
    cta.full_clean()
    SiteCallToAction.objects.create(settings=built.settings, call_to_action=cta)

    response = client.get(built.home.url, headers=built.headers)
    assert phone_buttons(response) == [("Call (877) 474-2225", "tel:+18774742225")]

    built.settings.phone_24_7 = NEW_PHONE
    built.settings.save()
    response = client.get(built.home.url, headers=built.headers)
    assert phone_buttons(response) == [(f"Call {NEW_PHONE_DISPLAY}", f"tel:{NEW_PHONE}")]


def test_a_phone_call_with_its_own_number_shows_that_number_in_its_label():
    cta = PhoneCallToActionFactory(phone="+18005550199", button_label="Call {phone} now")
    site = a_site_with_phone(NEW_PHONE).site
    data = call_to_action_data(cta, scope=ContentScope(site_id=site.pk, locale_id=cta.locale_id))
    assert data["label"] == "Call (800) 555-0199 now"
    assert data["url"] == "tel:+18005550199"


def test_the_api_gives_the_label_and_number_of_the_scope_site():
    cta = PhoneCallToActionFactory(phone="", button_label="Call {phone}")
    site = a_site_with_phone(NEW_PHONE).site
    data = call_to_action_data(cta, scope=ContentScope(site_id=site.pk, locale_id=cta.locale_id))
    assert data["label"] == f"Call {NEW_PHONE_DISPLAY}"
    assert data["url"] == f"tel:{NEW_PHONE}"
    assert data["phone"] == {"e164": NEW_PHONE, "display": NEW_PHONE_DISPLAY, "url": data["url"]}


def test_only_a_phone_call_may_write_the_phone_placeholder():
    cta = CallToActionFactory.build(button_label="Call {phone}")
    with pytest.raises(ValidationError) as excinfo:
        cta.full_clean()
    assert error_fields(excinfo) == {"button_label"}
    PhoneCallToActionFactory.build(phone="", button_label="Call {phone}").full_clean()


def demo_homes():
    """(site, home page) for each site of the demo and each language its home is live in."""
    for site in Site.objects.select_related("root_page"):
        for home in site.root_page.get_translations(inclusive=True).live().specific():
            yield site, home


@pytest.fixture
def language_restored():
    """Django's LocaleMiddleware leaves a Spanish page's language active after the test
    client's request; the tests that follow expect the default."""
    with translation.override(translation.get_language()):
        yield


@pytest.mark.demo_content
@pytest.mark.usefixtures("language_restored")
def test_every_demo_site_and_language_calls_the_site_phone_as_set(client):
    cases = list(demo_homes())
    assert {site.pk for site, _home in cases} == set(Site.objects.values_list("pk", flat=True))
    assert {home.locale.language_code for _site, home in cases} >= {"en", "es"}
    for site, home in cases:
        settings = SiteSettings.for_site(site)
        settings.phone_24_7 = NEW_PHONE
        settings.save()
        response = client.get(home.url, headers={"host": urlsplit(home.full_url).netloc})
        buttons = phone_buttons(response)
        case = f"{site.hostname} {home.locale.language_code}"
        assert buttons, case
        for label, href in buttons:
            assert (NEW_PHONE_DISPLAY in label, href) == (True, f"tel:{NEW_PHONE}"), (case, label)
