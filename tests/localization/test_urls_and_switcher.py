"""Addresses per language, <html lang>, hreflang alternates and the language switcher."""

import re
from pathlib import Path

import polib
import pytest

from tests.localization.translation_builders import (
    a_lumbar_foraminotomy,
    a_procedure,
    a_review_call_to_action,
    a_translated_site,
    site_words_in_both_languages,
)

pytestmark = pytest.mark.django_db


def path_of(page):
    """The page's address on its own site: with two sites `page.url` is absolute."""
    return page.relative_url(page.get_site())


def links_of_switcher(html):
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'href="([^"]+)" lang="(\w+)"', switcher)}


@pytest.fixture
def site():
    """A site in English and Spanish whose 24/7 banner and footer speak both languages."""
    built = a_translated_site()
    site_words_in_both_languages(built)
    return built


@pytest.fixture
def lumbar_pair(site):
    """The lumbar foraminotomy and its Spanish translation."""
    return a_lumbar_foraminotomy(site)


@pytest.fixture
def lumbar(lumbar_pair):
    return lumbar_pair[0]


@pytest.fixture
def lumbar_es(lumbar_pair):
    return lumbar_pair[1]


@pytest.fixture
def untranslated(site):
    """A procedure with no Spanish translation."""
    return a_procedure(site, title="Microdiscectomy", slug="microdiscectomy")


def html_of(client, site, page):
    return client.get(path_of(page), headers=site.headers).content.decode()


def test_english_is_unprefixed_and_spanish_lives_under_es(client, site, lumbar, lumbar_es):
    assert path_of(lumbar) == "/procedures/lumbar-foraminotomy/"
    assert path_of(lumbar_es) == "/es/procedimientos/foraminotomia-lumbar/"
    assert client.get(path_of(lumbar), headers=site.headers).status_code == 200
    assert client.get(path_of(lumbar_es), headers=site.headers).status_code == 200
    english_prefixed = client.get("/en/procedures/lumbar-foraminotomy/", headers=site.headers)
    assert english_prefixed.status_code == 404
    assert client.get("/es/", headers=site.headers).status_code == 200


@pytest.mark.parametrize(
    "path", ["/es/admin/", "/es/api/v2/pages/", "/es/api/v3/pages/", "/es/sitemap.xml"]
)
def test_admin_api_and_sitemap_have_no_language_prefix(client, site, path):
    assert client.get(path, headers=site.headers).status_code == 404


def test_a_spanish_page_says_so_and_names_its_alternates(client, site, lumbar_es):
    html = html_of(client, site, lumbar_es)
    assert '<html lang="es">' in html
    assert (
        '<link rel="alternate" hreflang="en" '
        f'href="http://{site.host}/procedures/lumbar-foraminotomy/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="es" '
        f'href="http://{site.host}/es/procedimientos/foraminotomia-lumbar/">' in html
    )


def test_an_untranslated_page_has_no_alternates(client, site, untranslated):
    html = html_of(client, site, untranslated)
    assert '<html lang="en">' in html
    assert 'rel="alternate" hreflang' not in html


def test_the_switcher_leads_to_the_translated_page(client, site, lumbar, lumbar_es):
    english_html = html_of(client, site, lumbar)
    assert links_of_switcher(english_html) == {"en": path_of(lumbar), "es": path_of(lumbar_es)}
    spanish_html = html_of(client, site, lumbar_es)
    assert links_of_switcher(spanish_html) == {"en": path_of(lumbar), "es": path_of(lumbar_es)}
    assert 'lang="es" hreflang="es" aria-current="true">Español</a>' in spanish_html


def test_without_a_translation_the_switcher_leads_to_the_spanish_home_page(
    client, site, untranslated
):
    html = html_of(client, site, untranslated)
    assert links_of_switcher(html) == {"en": path_of(untranslated), "es": "/es/"}


def test_spanish_pages_show_spanish_site_text_and_calls_to_action(client, site, lumbar_es):
    review_form_es = a_review_call_to_action(site)
    html = html_of(client, site, lumbar_es)
    assert "Estamos disponibles las 24 horas" in html
    assert "Contenido de demostración: este sitio" in html
    # The call to action's page link leads to the Spanish page where one exists.
    assert re.search(
        rf'href="{re.escape(path_of(review_form_es))}"[^>]*>\s*Quiero mi revisión gratuita', html
    )
    assert 'href="/es/">' in html  # the site name leads home in Spanish


def test_english_pages_keep_the_english_site_text(client, site, lumbar):
    html = html_of(client, site, lumbar)
    assert "We’re available 24/7" in html
    assert "Estamos disponibles" not in html


def test_the_page_frame_speaks_the_page_language(client, site, lumbar, lumbar_es):
    spanish = html_of(client, site, lumbar_es)
    assert 'aria-label="Principal"' in spanish and "Buscar en el sitio" in spanish
    assert "Tiempo de recuperación habitual" in spanish
    english = html_of(client, site, lumbar)
    assert 'aria-label="Main"' in english and "Typical recovery time" in english


def test_the_compiled_catalog_matches_its_source():
    folder = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES"
    source = {e.msgid: e.msgstr for e in polib.pofile(folder / "django.po").translated_entries()}
    compiled = {e.msgid: e.msgstr for e in polib.mofile(folder / "django.mo") if e.msgid}
    assert compiled == source, "run manage.py compilemessages after editing django.po"
