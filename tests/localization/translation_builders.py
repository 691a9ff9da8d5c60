"""An English site and its Spanish translation as the localization tests need them: procedures
(one translated with the clinics that offer it), the site's words and a call to action in both
languages, and translatable snippets in both languages."""

from dataclasses import dataclass

from core.factories import CallToActionFactory, ImageFactory
from core.models import CallToAction, SiteCallToAction, SiteSettings
from leads.factories import LeadFormPageFactory
from localization.models import SiteText
from locations.factories import LocationPageFactory
from locations.models import LocationGalleryImage, LocationService
from people.factories import PhysicianFactory, TestimonialFactory
from people.models import Physician, Testimonial
from procedures.factories import ProcedurePageFactory
from tests.builders import BuiltSite, a_site, a_translation, english, published, spanish

PHONE_BANNER_TEXT = "We’re available 24/7. Call us anytime."
PHONE_BANNER_TEXT_ES = "Estamos disponibles las 24 horas. Llámenos cuando quiera."
FOOTER_TEXT_ES = "Contenido de demostración: este sitio se llenó con datos de ejemplo."
REVIEW_BUTTON = "Get my free review"
REVIEW_BUTTON_ES = "Quiero mi revisión gratuita"


@dataclass
class TranslatedSite:
    """A built site in English and in Spanish: the same site, each language's pages."""

    english: BuiltSite
    spanish: BuiltSite

    @property
    def site(self):
        return self.english.site

    @property
    def host(self):
        return self.english.host

    @property
    def headers(self):
        return self.english.headers


def a_translated_site():
    """A site with its home page and section indexes in English and in Spanish."""
    built = a_site()
    return TranslatedSite(english=built, spanish=built.in_spanish())


def a_procedure(built, **fields):
    """A live English procedure under the site's procedures index, not translated."""
    page = ProcedurePageFactory(parent=built.english.procedures, **fields)
    return published(page)


def a_lumbar_foraminotomy(built):
    """The lumbar foraminotomy in English and its Spanish translation: (english, spanish)."""
    lumbar = a_procedure(
        built,
        title="Lumbar Foraminotomy",
        slug="lumbar-foraminotomy",
        typical_recovery_time="2 weeks",
    )
    lumbar_es = a_translation(
        lumbar,
        title="Foraminotomía lumbar",
        slug="foraminotomia-lumbar",
        typical_recovery_time="2 semanas",
    )
    return lumbar, lumbar_es


def a_clinic_offering(built, procedure, **fields):
    """A live English clinic under the site's locations index that offers procedure."""
    clinic = LocationPageFactory(
        parent=built.english.locations, services=[LocationService(procedure=procedure)], **fields
    )
    return published(clinic)


def a_translated_clinic_offering(built, procedure):
    """The Dallas clinic, offering procedure, and its Spanish translation: (english, spanish)."""
    dallas = a_clinic_offering(built, procedure, title="Dallas, TX", slug="dallas-tx")
    return dallas, a_translation(dallas, title="Dallas, Texas")


def a_clinic_with_a_photo(built, alt_text):
    """A live English clinic whose gallery has one photo described by alt_text."""
    photo = LocationGalleryImage(image=ImageFactory(), alt_text=alt_text, locale=english())
    clinic = LocationPageFactory(
        parent=built.english.locations, title="Dallas, TX", gallery_images=[photo]
    )
    return published(clinic)


def site_words_in_both_languages(built):
    """The site's 24/7 banner and footer in English (its settings) and in Spanish (a site text)."""
    settings = SiteSettings.for_site(built.site)
    settings.phone_24_7 = "+18774742225"
    settings.phone_banner_text = PHONE_BANNER_TEXT
    settings.save()
    SiteText.objects.create(
        site=built.site,
        locale=spanish(),
        phone_banner_text=PHONE_BANNER_TEXT_ES,
        footer_text=FOOTER_TEXT_ES,
    )
    return settings


def a_review_call_to_action(built):
    """The site's default call to action leading to its review form, in English and Spanish.

    Returns the review form's Spanish translation, where the Spanish call to action leads.
    """
    review_form = LeadFormPageFactory(
        parent=built.english.home, title="Free MRI/CT Review", slug="free-mri-ct-review"
    )
    review_form_es = a_translation(review_form, title="Revisión gratuita", slug="revision-gratuita")
    call_to_action = CallToActionFactory(
        kind=CallToAction.Kind.PAGE,
        link_url="",
        link_page=review_form,
        heading="Free MRI/CT Review",
        button_label=REVIEW_BUTTON,
        locale=english(),
    )
    a_snippet_translation(
        call_to_action,
        heading="Revisión gratuita de su resonancia",
        button_label=REVIEW_BUTTON_ES,
    )
    SiteCallToAction.objects.create(
        settings=SiteSettings.for_site(built.site), call_to_action=call_to_action
    )
    return review_form_es


def a_snippet_translation(snippet, **fields):
    """snippet's Spanish translation, fields changed, saved (copied outside wagtail-localize)."""
    copy = snippet.copy_for_translation(spanish())
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def an_english_snippet(model):
    """A new English instance of a translatable snippet model."""
    if model is SiteText:
        return SiteText.objects.create(
            site=a_site().site, locale=english(), phone_banner_text="Call us any time."
        )
    factory = {
        CallToAction: CallToActionFactory,
        Physician: PhysicianFactory,
        Testimonial: TestimonialFactory,
    }[model]
    return factory(locale=english())


def a_snippet_in_both_languages(model):
    """A new English instance of model and its Spanish translation: (english, spanish)."""
    source = an_english_snippet(model)
    return source, a_snippet_translation(source)
