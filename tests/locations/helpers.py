"""Sites whose finder a patient uses: a clinic, the 24/7 phone and the free review form."""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale

from core.factories import CallToActionFactory
from core.models import CallToAction, SiteCallToAction, SiteSettings
from leads.factories import LeadFormPageFactory
from locations.factories import LocationPageFactory
from tests.builders import BuiltSite, a_site, a_translation

#: Every language the content is written in: each finder test runs in all of them.
CONTENT_LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
NEARBY = "/api/v2/locations/nearby/"
PHOENIX = (Decimal("33.448400"), Decimal("-112.074000"))


@dataclass
class FinderSite:
    """A brand's site in one language, with one clinic in Phoenix, AZ."""

    built: BuiltSite
    language: str
    clinic_title: str
    phone: str
    review_form_url: str

    @property
    def finder_url(self):
        return self.built.locations.relative_url(self.built.site)


def a_finder_site(language, phone):
    """A site with a clinic in Phoenix, its 24/7 phone, and a free review form that its
    default calls to action lead to, in ``language`` (its pages translated)."""
    built = a_site()
    clinic_title = f"{built.site.site_name} Phoenix"
    latitude, longitude = PHOENIX
    LocationPageFactory(
        parent=built.locations, title=clinic_title, latitude=latitude, longitude=longitude
    )
    form = LeadFormPageFactory(parent=built.home, title="Free MRI/CT review", slug="review")
    review = CallToActionFactory(kind=CallToAction.Kind.PAGE, link_page=form, link_url="")
    site_settings = SiteSettings.for_site(built.site)
    site_settings.phone_24_7 = phone
    site_settings.save()
    SiteCallToAction.objects.create(settings=site_settings, call_to_action=review, sort_order=0)
    if language != Locale.get_default().language_code:
        built, form = in_language(built, language), a_translation(form, locale_of(language))
    return FinderSite(
        built=built,
        language=language,
        clinic_title=clinic_title,
        phone=phone,
        review_form_url=form.relative_url(built.site),
    )


def locale_of(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def in_language(built, language):
    """The site's home and section indexes translated into ``language``."""
    locale = locale_of(language)
    return BuiltSite(
        site=built.site,
        home=a_translation(built.home, locale),
        procedures=a_translation(built.procedures, locale),
        conditions=a_translation(built.conditions, locale),
        locations=a_translation(built.locations, locale),
    )


def finder_sites(language):
    """Two brands' sites in ``language``, each with a phone of its own."""
    return [a_finder_site(language, phone) for phone in ("+18774742225", "+12145550123")]


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def follow(client, site, response, href):
    """The page a link on ``response``'s page leads to, as a visitor of ``site`` follows it."""
    return client.get(
        urljoin(response.wsgi_request.get_full_path(), href), headers=site.built.headers
    )
