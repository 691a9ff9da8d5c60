"""The demo content loads once, idempotently, and every page shows what it holds."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, Translation

from core.models import SiteSettings
from demo.translations import LUMBAR_FORAMINOTOMY
from home.models import HomePage
from locations.models import LocationPage
from people.models import Physician, Testimonial
from procedures.models import ConditionPage, ProcedurePage
from tests.helpers import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

SEED_TEXT = [
    "We’re available 24/7. Call us anytime.",
    "Lumbar Foraminotomy",
    "A foraminotomy is a minimally invasive surgical procedure performed to relieve pain in the "
    "lower spine. A small piece of bone and/or soft tissue is removed from the lumbar (lower) "
    "portion of the spine, resulting in an enlarged space through which nerve roots travel. This "
    "opening is called the neural foramen. The increased space created for the nerve typically "
    "results in a rapid and significant decrease in pain. Lower spine pain may be a result of "
    "degenerative discs, herniation, bulging discs, spinal stenosis, and more.",
    "Benefits of Lumbar Foraminotomy",
    "What Lumbar Foraminotomy Treats",
    "Relief",
    "By relieving pressure on the nerve, pain and numbness are significantly relieved after "
    "surgery, with continual gradual relief over time",
    "Outpatient",
    "Usually performed as an outpatient procedure, allowing for faster recovery than traditional "
    "surgery and lower cost to the patient",
    "Lower Infection Rate",
    "North American Spine facilities focus specifically on minimally invasive surgery, not on "
    "illness and infection. With an infection rate that is less than 1%, your risk of developing "
    "an infection or an illness is far lower than it would be at a large hospital",
    "Minimally invasive technique",
    "allows surgeon to preserve muscle, ligaments and tendons so there is less postoperative pain.",
    "Best Outcomes",
    "95% of our patients would recommend their physician",
    "Free MRI/CT Review",
    "Details of the Lumbar Foraminotomy",
    "Lumbar foraminotomy aims to relieve the symptoms of nerve impingement in the lower spine by "
    "enlarging the neural foramen. The procedure is performed through a small incision—an inch or "
    "less in size—in the lower back. Specialized instruments are used to gain access to the "
    "compressed foramen and the intruding spinal disc material. With guidance from a surgical "
    "microscope and live X-rays displayed on a monitor, the surgeon uses specialized tools to "
    "remove the sections of the disc that are pressing on the nerve.",
    "Preparing for the Lumbar Foraminotomy",
    "Before pursuing a foraminotomy, prospective patients should have tried conservative methods, "
    "such as physical therapy, chiropractic, and spinal injections. If those methods have not "
    "produced meaningful relief, you may be a candidate for a North American Spine procedure.",
    "Explore Our Facilities",
    "Lumbar Foraminotomy Recovery",
    "This procedure is typically performed on an outpatient basis. Many patients will notice "
    "immediate improvement of some or all of their symptoms. Other symptoms may improve more "
    "gradually. Many patients who undergo a lumbar foraminotomy can often return to their regular "
    "activities within several weeks. This can vary depending on the individual patient, number "
    "of levels treated, and other factors. Recovery will include rest, physical therapy, and may "
    "include a course of pain management medication.",
    "Request a Free Info Kit",
    "Larry L.",
    "Spinal Stenosis",
    "Laminotomy/ Laminectomy",
    "I was having to take so much medication because of the pain that i was becoming addicted to "
    "the pain killers.",
    "I feel I have been given a new body, virtually without pain. All of my symptoms have been "
    "resolved to the point where I can again enjoy life. [Now I can] GO WITHOUT PAIN medication!",
    "Quality of life was very poor before the surgery. I was in constant pain in my back and legs "
    "24/7. I also had tremendous pain in my feet and toes. I could not wear regular shoes without "
    "a lot of pain. And I could not sleep because of the pain.",
    "Connect With A Patient",
    "Some of our former patients have been kind enough to offer to speak with back and neck pain "
    "sufferers who are looking into treatment options. We encourage you to take them up on it! "
    "After we determine a treatment plan, we’ll connect you with a past patient who had a similar "
    "condition and procedure.",
    "Connect with a Patient",
    "We love your questions!",
    "Our friendly Patient Care Managers are standing by and ready to help. Call us day or "
    "night and we will answer your questions.",
    "Call (877) 474-2225",
]


def test_seed_page_shows_all_of_the_seed_content(client):
    page = ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None)
    response = client.get(page.url)
    assert response.status_code == 200
    text = visible_text(response.content)
    missing = [snippet for snippet in SEED_TEXT if snippet not in text]
    assert missing == []


def test_seed_page_calls_the_24_7_phone(client):
    response = client.get(ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None).url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select('footer a[href="tel:+18774742225"]')
    assert soup.select('main a[href="tel:+18774742225"]')


def test_every_decision_page_opens_with_a_described_hero_image(client):
    pages = [
        *ProcedurePage.objects.live().select_related("hero_image"),
        *ConditionPage.objects.live().select_related("hero_image"),
        *LocationPage.objects.live().select_related("hero_image"),
    ]
    assert [page.url for page in pages if not page.hero_image.description] == []
    flagship = next(page for page in pages if page.slug == "lumbar-foraminotomy")
    response = client.get(flagship.url)
    hero = BeautifulSoup(response.content, "html.parser").select_one("main header.page-hero")
    assert hero.h1.get_text(strip=True) == "Lumbar Foraminotomy"
    img = hero.select_one("picture img.page-hero__image")
    assert img["alt"] == flagship.hero_image.description and img["fetchpriority"] == "high"


def test_seed_page_block_order_follows_the_seed():
    page = ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None)
    order = [block.block_type for block in page.body]
    expected = ["benefits", "conditions_treated", "procedure_details", "preparation", "recovery"]
    assert [kind for kind in order if kind in expected] == expected
    assert order.count("call_to_action") == 4
    assert "testimonials" in order


def test_demo_content_has_the_promised_breadth():
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    assert ProcedurePage.objects.live().count() >= 6
    assert ConditionPage.objects.live().count() >= 4
    assert LocationPage.objects.live().values("state").distinct().count() >= 3
    assert Physician.objects.count() >= 3
    assert Testimonial.objects.publicly_shown().count() >= 4


def test_every_demo_page_is_served_with_its_title(client):
    pages = Page.objects.live().exclude(depth=1).specific()
    assert pages.count() >= 15
    for page in pages:
        # Pages of the affiliate site answer on its own hostname.
        response = client.get(page.url, headers={"host": urlsplit(page.full_url).netloc})
        assert response.status_code == 200, page.url
        assert page.title in visible_text(response.content), page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert len(soup.find_all("h1")) == 1, page.url


def test_location_page_shows_address_hours_and_services(client):
    location = LocationPage.objects.live().first()
    text = visible_text(client.get(location.url).content)
    assert location.street_address in text
    assert location.main_phone_display in text
    assert "Monday" in text
    for procedure in location.listed_procedures():
        assert procedure.title in text


def test_loading_twice_changes_nothing():
    def counts():
        return {model._meta.label: model.objects.count() for model in apps.get_models()}

    before = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == before


def test_unknown_url_gives_the_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert "can’t find that page" in soup.h1.get_text()
    assert soup.select_one('main a[href="/"]')
    assert soup.select_one('footer a[href="tel:+18774742225"]')


def test_pages_without_their_own_calls_to_action_show_the_site_defaults(client):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    defaults = [link.call_to_action.heading for link in site_settings.default_calls_to_action.all()]
    assert defaults

    index_headings = cta_headings(client.get("/procedures/"))
    assert index_headings == defaults

    seed = ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None)
    seed_headings = cta_headings(client.get(seed.url))
    assert len(seed_headings) == 4
    assert "Connect With A Patient" in seed_headings


def cta_headings(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select("main .cta__heading")]


@pytest.mark.parametrize("path", ["/procedures/", "/conditions/", "/locations/"])
def test_section_pages_link_to_each_of_their_live_children(client, path):
    section = Page.objects.get(url_path=f"/home{path}")
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    links = {link["href"] for link in soup.select("main .card-grid a[href]")}
    children = section.get_children().live()
    assert children.exists()
    assert {child.get_url(current_site=section.get_site()) for child in children} <= links


# --- The demo's Spanish translations --------------------------------------------------


def demo_lumbar_in_spanish():
    """The seed page and its Spanish translation: (english, spanish)."""
    lumbar = ProcedurePage.objects.get(
        alias_of=None, slug="lumbar-foraminotomy", locale__language_code="en"
    )
    return lumbar, lumbar.get_translation(Locale.objects.get(language_code="es"))


def test_the_demo_translates_the_whole_lumbar_page_through_wagtail_localize(client):
    lumbar, lumbar_es = demo_lumbar_in_spanish()
    translation = Translation.objects.get(
        source__object_id=lumbar.translation_key, target_locale=lumbar_es.locale
    )
    untranslated = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(lumbar_es.locale)
        .filter(translation__isnull=True)
    )
    assert not untranslated.exists()
    assert lumbar_es.live
    html = client.get(lumbar_es.url).content.decode()
    assert LUMBAR_FORAMINOTOMY["Lumbar Foraminotomy Recovery"] in html
    assert "Lumbar Foraminotomy Recovery" not in html


def test_the_demo_translates_snippets_it_shows():
    _lumbar, lumbar_es = demo_lumbar_in_spanish()
    larry = Testimonial.objects.get(display_name="Larry L.", locale=lumbar_es.locale)
    assert larry.live and larry.disclosure.startswith("Los resultados individuales varían")
    chosen = [
        testimonial
        for block in lumbar_es.body
        if block.block_type == "testimonials"
        for testimonial in block.value["testimonials"]
    ]
    assert chosen == [larry]
