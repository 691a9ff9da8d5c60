"""Addresses per language, <html lang>, hreflang alternates and the language switcher."""

import re
from pathlib import Path

import polib
import pytest

from procedures.models import ProcedurePage
from tests.helpers import default_site

pytestmark = pytest.mark.demo_content


def path_of(page):
    """The page's address on the network's site: with two sites `page.url` is absolute."""
    return page.relative_url(default_site())


def links_of_switcher(html):
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'href="([^"]+)" lang="(\w+)"', switcher)}


def test_english_is_unprefixed_and_spanish_lives_under_es(client, lumbar, lumbar_es):
    assert path_of(lumbar) == "/procedures/lumbar-foraminotomy/"
    assert path_of(lumbar_es) == "/es/procedimientos/foraminotomia-lumbar/"
    assert client.get(lumbar.url).status_code == 200
    assert client.get(lumbar_es.url).status_code == 200
    assert client.get("/en/procedures/lumbar-foraminotomy/").status_code == 404
    assert client.get("/es/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/es/admin/", "/es/api/v2/pages/", "/es/api/v3/pages/", "/es/sitemap.xml"]
)
def test_admin_api_and_sitemap_have_no_language_prefix(client, db, path):
    assert client.get(path).status_code == 404


def test_a_spanish_page_says_so_and_names_its_alternates(client, lumbar_es):
    html = client.get(lumbar_es.url).content.decode()
    assert '<html lang="es">' in html
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://testserver/procedures/lumbar-foraminotomy/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="es" '
        'href="http://testserver/es/procedimientos/foraminotomia-lumbar/">' in html
    )


def test_an_untranslated_page_has_no_alternates(client, english):
    page = ProcedurePage.objects.get(alias_of=None, slug="microdiscectomy", locale=english)
    html = client.get(page.url).content.decode()
    assert '<html lang="en">' in html
    assert 'rel="alternate" hreflang' not in html


def test_the_switcher_leads_to_the_translated_page(client, lumbar, lumbar_es):
    english_html = client.get(lumbar.url).content.decode()
    assert links_of_switcher(english_html) == {"en": path_of(lumbar), "es": path_of(lumbar_es)}
    spanish_html = client.get(lumbar_es.url).content.decode()
    assert links_of_switcher(spanish_html) == {"en": path_of(lumbar), "es": path_of(lumbar_es)}
    assert 'lang="es" hreflang="es" aria-current="true">Español</a>' in spanish_html


def test_without_a_translation_the_switcher_leads_to_the_spanish_home_page(client, english):
    page = ProcedurePage.objects.get(alias_of=None, slug="microdiscectomy", locale=english)
    html = client.get(page.url).content.decode()
    assert links_of_switcher(html) == {"en": path_of(page), "es": "/es/"}


def test_spanish_pages_show_spanish_site_text_and_calls_to_action(
    client, lumbar_es, review_form_es
):
    html = client.get(lumbar_es.url).content.decode()
    assert "Estamos disponibles las 24 horas" in html
    assert "Contenido de demostración: este sitio" in html
    # The call to action's page link leads to the Spanish page where one exists.
    assert re.search(
        rf'href="{re.escape(path_of(review_form_es))}"[^>]*>\s*Quiero mi revisión gratuita', html
    )
    assert 'href="/es/">' in html  # the site name leads home in Spanish


def test_english_pages_keep_the_english_site_text(client, lumbar):
    html = client.get(lumbar.url).content.decode()
    assert "We’re available 24/7" in html
    assert "Estamos disponibles" not in html


def test_the_page_frame_speaks_the_page_language(client, lumbar, lumbar_es):
    spanish = client.get(lumbar_es.url).content.decode()
    assert 'aria-label="Principal"' in spanish and "Buscar en el sitio" in spanish
    assert "Tiempo de recuperación habitual" in spanish
    english = client.get(lumbar.url).content.decode()
    assert 'aria-label="Main"' in english and "Typical recovery time" in english


def test_the_compiled_catalog_matches_its_source():
    folder = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES"
    source = {e.msgid: e.msgstr for e in polib.pofile(folder / "django.po").translated_entries()}
    compiled = {e.msgid: e.msgstr for e in polib.mofile(folder / "django.mo") if e.msgid}
    assert compiled == source, "run manage.py compilemessages after editing django.po"
