"""The defects reported in issue #15, each as a visitor or a partner front end meets it.

Expected items are derived from the database (links between pages, their live
translations, the sites' trees), not written down. The markers (fallback
``lang="en" hreflang="en"`` / ``"locale": "en"``, cross-brand ``data-site`` /
``"site"``) are defined in tests/scope/helpers.py.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import APIToken, Locale, Site

from clinics.models import LocalProcedurePage
from localization.models import SiteText
from locations.models import LocationPage
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

AFFILIATE = "affiliate.localhost"
APIS = ["v2", "v3"]


# --- derived expectations ----------------------------------------------------


def english():
    return Locale.get_default()


def spanish():
    return Locale.objects.get(language_code="es")


def network():
    return Site.objects.get(is_default_site=True)


def path_of(page):
    return page.get_url_parts()[2]


def in_language(model, translation_key, locale):
    """The live original page of ``translation_key`` in ``locale``, else in the default language."""
    pages = model.objects.live().filter(translation_key=translation_key, alias_of=None)
    return pages.filter(locale=locale).first() or pages.filter(locale=english()).first()


def procedures_treating(condition):
    """Each procedure linked to any language of ``condition``, once, in the condition's language."""
    keys = set(
        ProcedureCondition.objects.filter(
            condition__translation_key=condition.translation_key,
            page__live=True,
            page__alias_of__isnull=True,  # aliases list their original's links on their site
        ).values_list("page__translation_key", flat=True)
    )
    return {path_of(in_language(ProcedurePage, key, condition.locale)) for key in keys}


def conditions_treated_by(procedure):
    """The conditions the procedure's original links, each in the procedure's language."""
    original = in_language(ProcedurePage, procedure.translation_key, english())
    keys = original.condition_links.values_list("condition__translation_key", flat=True)
    return {in_language(ConditionPage, key, procedure.locale) for key in keys}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_paths(soup, selector):
    return {urlsplit(a["href"]).path for a in soup.select(f"{selector} a.card__link")}


def treatments(soup):
    return soup.select_one('section[aria-labelledby="treatments-heading"]')


# --- conditions and procedures across languages ------------------------------


@pytest.mark.parametrize(
    "slug", ["spinal-stenosis", "degenerative-disc-disease", "herniated-disc", "bulging-disc"]
)
def test_an_english_condition_lists_each_treating_procedure_once_in_english(client, slug):
    condition = ConditionPage.objects.get(slug=slug, locale=english(), alias_of=None)
    soup = soup_of(client.get(path_of(condition)))
    section = treatments(soup)
    assert section is not None, f"{condition.title} lists no procedures that treat it"
    shown = {
        urlsplit(a["href"]).path: a.get_text(strip=True) for a in section.select("a.card__link")
    }
    assert set(shown) == procedures_treating(condition), (
        f"{path_of(condition)} shows {sorted(shown.items())}"
    )


def test_the_spanish_condition_lists_the_procedures_that_treat_it(client):
    condition = ConditionPage.objects.live().get(slug="estenosis-espinal", locale=spanish())
    soup = soup_of(client.get(path_of(condition)))
    section = treatments(soup)
    assert section is not None, f"{path_of(condition)} has no 'procedures that treat it' section"
    assert {urlsplit(a["href"]).path for a in section.select("a.card__link")} == (
        procedures_treating(condition)
    )


def test_the_spanish_procedure_shows_spanish_conditions_or_marked_english_ones(client):
    procedure = ProcedurePage.objects.live().get(slug="foraminotomia-lumbar", locale=spanish())
    soup = soup_of(client.get(path_of(procedure)))
    expected = conditions_treated_by(procedure)
    cards = soup.select("section.conditions-treated a.card__link")
    assert {urlsplit(a["href"]).path for a in cards} == {path_of(c) for c in expected}
    unmarked = [
        a["href"]
        for a in cards
        if not urlsplit(a["href"]).path.startswith("/es/")
        and (a.get("lang"), a.get("hreflang")) != ("en", "en")
    ]
    assert not unmarked, f"English condition cards without lang/hreflang='en': {unmarked}"


def page_buttons(soup):
    """The calls to action of the page itself (not the site's default ones)."""
    main = soup.find("main")
    for site_wide in main.select(".site-ctas"):
        site_wide.decompose()
    return [a for a in main.select("a.cta__button") if a["href"].startswith(("/", "http"))]


def test_the_spanish_procedures_buttons_lead_to_spanish_forms_or_say_they_are_english(client):
    procedure = ProcedurePage.objects.live().get(slug="foraminotomia-lumbar", locale=spanish())
    soup = soup_of(client.get(path_of(procedure)))
    wrong = []
    for button in page_buttons(soup):
        path = urlsplit(button["href"]).path
        if path.startswith("/es/"):
            continue
        target = next(
            (
                p
                for p in network().root_page.get_descendants().live().specific()
                if path_of(p) == path
            ),
            None,
        )
        spanish_version = target and target.get_translation_or_none(spanish())
        if spanish_version is not None and spanish_version.live:
            label = button.get_text(strip=True)
            wrong.append(f"{label} -> {path} (Spanish {path_of(spanish_version)} exists)")
        elif (button.get("lang"), button.get("hreflang")) != ("en", "en"):
            wrong.append(f"{button.get_text(strip=True)} -> {path} without lang/hreflang='en'")
    assert not wrong, "\n".join(wrong)


# --- sites -------------------------------------------------------------------


def own_offering_locations(procedure, site):
    """The site's own live locations offering the procedure, in its language."""
    original = procedure.alias_of.specific if procedure.alias_of_id else procedure
    return {
        path_of(location)
        for location in LocationPage.objects.live()
        .in_site(site)
        .filter(
            services__procedure__translation_key=original.translation_key, locale=procedure.locale
        )
        .distinct()
    }


def labelled_for(link, site):
    return link.get("data-site") == site.hostname and site.site_name in " ".join(
        filter(None, [link.get_text(" ", strip=True), link.get("aria-label")])
    )


@pytest.mark.parametrize("host", ["testserver", AFFILIATE])
def test_a_procedure_lists_its_own_sites_locations(client, host):
    site = Site.objects.get(hostname=host)
    procedure = ProcedurePage.objects.live().in_site(site).get(slug="lumbar-foraminotomy")
    soup = soup_of(client.get(path_of(procedure), HTTP_HOST=host))
    cards = soup.select("section.location-list a.card__link")
    others = {s.hostname: s for s in Site.objects.exclude(pk=site.pk)}
    foreign = [
        f"{a.get_text(strip=True)} -> {a['href']}"
        for a in cards
        if (urlsplit(a["href"]).hostname or host) != host
        and not labelled_for(a, others.get(urlsplit(a["href"]).hostname))
    ]
    assert not foreign, f"{site.site_name} lists other brands' locations unlabelled: {foreign}"
    own = {
        urlsplit(a["href"]).path for a in cards if (urlsplit(a["href"]).hostname or host) == host
    }
    assert own == own_offering_locations(procedure, site)


def test_the_affiliates_buttons_stay_on_the_affiliate_site(client):
    site = Site.objects.get(hostname=AFFILIATE)
    wrong = []
    for page in ProcedurePage.objects.live().in_site(site).specific():
        soup = soup_of(client.get(path_of(page), HTTP_HOST=AFFILIATE))
        for button in page_buttons(soup):
            host = urlsplit(button["href"]).hostname or AFFILIATE
            if host != AFFILIATE and not labelled_for(button, Site.objects.get(hostname=host)):
                wrong.append(f"{page.title}: «{button.get_text(strip=True)}» -> {button['href']}")
    assert not wrong, "buttons leading to another brand:\n" + "\n".join(wrong)


# --- the Dallas location page ------------------------------------------------


def dallas():
    return LocationPage.objects.live().get(slug="dallas-tx", locale=english())


def test_a_location_shows_each_of_its_physicians_once(client):
    soup = soup_of(client.get(path_of(dallas())))
    names = []
    for title in soup.select("main .card--physician .card__title"):
        credentials = title.select_one(".card__credentials")
        if credentials:
            credentials.decompose()
        names.append(title.get_text(" ", strip=True))
    assert names, "Dallas shows no physician"
    assert len(names) == len(set(names)), f"physicians shown more than once: {names}"


def test_a_locations_procedures_in_detail_are_its_local_procedure_pages_only(client):
    location = dallas()
    soup = soup_of(client.get(path_of(location)))
    section = soup.select_one('section[aria-labelledby="local-procedures-heading"]')
    shown = {urlsplit(a["href"]).path for a in section.select("a")} if section else set()
    expected = {
        path_of(page)
        for page in LocalProcedurePage.objects.live().child_of(location).filter(locale=english())
    }
    assert shown == expected, f"listed under procedures: {sorted(shown)}"


# --- the API -----------------------------------------------------------------


def lumbar(locale):
    return ProcedurePage.objects.live().get(
        translation_key=ProcedurePage.objects.get(
            slug="lumbar-foraminotomy", locale=english(), alias_of=None
        ).translation_key,
        locale=locale,
        alias_of=None,
    )


def html_location_urls(client, page):
    soup = soup_of(client.get(path_of(page)))
    return {
        urlsplit(a["href"])
        ._replace(scheme="", netloc=urlsplit(a["href"]).netloc or "testserver")
        .geturl()
        for a in soup.select("section.location-list a.card__link")
    }


def card_urls(cards):
    return {urlsplit(card["url"])._replace(scheme="").geturl() for card in cards}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("api", APIS)
def test_a_procedures_json_locations_are_the_sites_own_in_its_language(client, api, language):
    page = lumbar(Locale.objects.get(language_code=language))
    data = client.get(f"/api/{api}/pages/{page.pk}/").json()
    blocks = [block["value"]["locations"] for block in data["body"] if block["type"] == "locations"]
    html = html_location_urls(client, page)
    site = network()
    for where, cards in [("locations", data["locations"])] + [
        (f"body locations block {i}", cards) for i, cards in enumerate(blocks)
    ]:
        keys = [LocationPage.objects.get(pk=card["id"]).translation_key for card in cards]
        assert len(keys) == len(set(keys)), f"{where}: one location twice: {card_urls(cards)}"
        assert card_urls(cards) == html, f"{where} differs from the page's HTML list"
        for card in cards:
            location = LocationPage.objects.get(pk=card["id"])
            assert location.locale.language_code == language or card.get("locale") == "en", (
                f"{where}: {card['url']} is {location.locale.language_code}"
            )
            assert urlsplit(card["url"]).hostname == site.hostname or card.get("site"), (
                f"{where}: {card['title']} {card['url']} is another site's, unlabelled"
            )


@pytest.mark.parametrize("api", APIS)
def test_spanish_json_has_spanish_choice_labels(client, api):
    page = lumbar(spanish())
    data = client.get(f"/api/{api}/pages/{page.pk}/").json()
    with translation.override("es"):
        expected = {
            "procedure_type_label": str(page.get_procedure_type_display()),
            "body_region_label": str(page.get_body_region_display()),
        }
    assert {key: data[key] for key in expected} == expected


@pytest.mark.parametrize("api", APIS)
def test_spanish_json_opening_hours_name_the_days_as_the_spanish_page_does(client, api):
    location = LocationPage.objects.live().get(slug="dallas-tx", locale=spanish())
    soup = soup_of(client.get(path_of(location)))
    html_days = [th.get_text(strip=True) for th in soup.select(".hours-table tbody th")]
    data = client.get(f"/api/{api}/pages/{location.pk}/").json()
    assert [row["day"] for row in data["opening_hours"]] == html_days


def spanish_pages():
    home = network().root_page.get_translation(spanish())
    return list(home.get_descendants(inclusive=True).live().specific())


@pytest.mark.parametrize("channel", ["html", "v2", "v3"])
def test_spanish_answers_say_they_are_spanish(client, channel):
    wrong = []
    for page in spanish_pages():
        url = path_of(page) if channel == "html" else f"/api/{channel}/pages/{page.pk}/"
        response = client.get(url)
        if response.headers.get("Content-Language") != "es":
            wrong.append(f"{url}: Content-Language {response.headers.get('Content-Language')}")
    assert not wrong, "\n".join(wrong)


def answers_not_varying_on_language():
    page = lumbar(english())
    return [
        path_of(page),
        f"/api/v2/pages/{page.pk}/",
        f"/api/v3/pages/{page.pk}/",
        "/api/v2/site-settings/",
        "/sitemap.xml",
    ]


@pytest.mark.parametrize("which", range(5))
def test_an_answer_that_does_not_vary_on_accept_language_does_not_say_it_does(client, which):
    url = answers_not_varying_on_language()[which]
    in_english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    in_spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert in_english.status_code == in_spanish.status_code == 200
    assert in_english.content == in_spanish.content, f"{url} does vary on Accept-Language"
    vary = {v.strip().lower() for v in in_english.headers.get("Vary", "").split(",")}
    assert "accept-language" not in vary, f"{url}: Vary: {in_english.headers['Vary']}"


def test_site_settings_answer_in_the_requested_language(client):
    site = network()
    text = SiteText.objects.get(site=site, locale=spanish())
    response = client.get("/api/v2/site-settings/", {"locale": "es"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["phone_banner_text"], data["footer_text"]) == (
        text.phone_banner_text,
        text.footer_text,
    )


def test_site_texts_are_in_the_api(client):
    user = get_user_model().objects.create_superuser("scope-reader", "scope@example.com")
    token = APIToken.create_token(user=user, name="scope reader")[1]
    response = client.get(
        "/api/v3/snippets/localization.SiteText/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200, response.content[:300]
    texts = {row["id"] for row in response.json()["items"]}
    assert set(SiteText.objects.values_list("pk", flat=True)) <= texts
