"""A Spanish-speaking patient goes from the home page to a free MRI/CT review and its
thank-you page, and meets no English on the way except items marked as English.

At every step the page is Spanish (``<html lang="es">``) and every link in the
main content leads to a Spanish page (under ``/es/``) or is marked as a
default-language fallback (``lang="en"`` and ``hreflang="en"``), the rule of
serialization/content_scope.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.leads.helpers import PDF_BYTES

pytestmark = pytest.mark.e2e

HOME = "/es/"
PROCEDURE = "/es/procedimientos/foraminotomia-lumbar/"
CONDITION = "/es/afecciones/estenosis-espinal/"
LOCATION = "/es/centros/dallas-tx/"
REVIEW_FORM = "/es/revision-gratuita-resonancia-tomografia/"
REPORT = {"name": "resonancia.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}


def links_leaving_spanish(page):
    """Links in <main> to an unmarked page outside /es/ (phone links and anchors aside)."""
    return page.eval_on_selector_all(
        "main a[href]",
        """links => links
            .filter(a => a.origin === location.origin)
            .filter(a => !a.pathname.startsWith('/es/'))
            .filter(a => !(a.lang === 'en' && a.hreflang === 'en'))
            .map(a => `${a.textContent.trim()} -> ${a.pathname}`)""",
    )


def assert_spanish_page(page, live_site, path):
    expect(page).to_have_url(live_site.url(path))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert links_leaving_spanish(page) == [], f"{path} leads to English unmarked"


def follow(page, path):
    """Click the first link in <main> to ``path``, as the patient would."""
    page.locator(f'main a[href="{path}"]').first.click()


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_spanish_patient_reaches_a_free_review_in_spanish(page, live_site, outside_requests):
    page.goto(HOME)
    assert_spanish_page(page, live_site, HOME)

    follow(page, PROCEDURE)
    assert_spanish_page(page, live_site, PROCEDURE)

    follow(page, CONDITION)
    assert_spanish_page(page, live_site, CONDITION)
    # The condition lists, in Spanish, the procedures that treat it.
    expect(page.locator(f'main a[href="{PROCEDURE}"]').first).to_be_visible()

    follow(page, LOCATION)
    assert_spanish_page(page, live_site, LOCATION)

    follow(page, REVIEW_FORM)
    assert_spanish_page(page, live_site, REVIEW_FORM)
    page.locator("[name=full_name]").fill("Rosa Ejemplo")
    page.locator("[name=email]").fill("rosa-en-ejemplo")
    page.locator("[name=symptoms]").fill("Dolor lumbar que baja por la pierna derecha.")
    page.locator("[name=mri_or_ct_report_or_images]").set_input_files(REPORT)
    page.locator("main form [type=submit]").click()

    # A mistake is pointed out in Spanish, next to its field.
    expect(page.locator("#id_email_errors")).to_contain_text(re.compile("correo", re.IGNORECASE))
    expect(page.locator("[name=full_name]")).to_have_value("Rosa Ejemplo")
    page.locator("[name=email]").fill("rosa@example.com")
    page.locator("[name=mri_or_ct_report_or_images]").set_input_files(REPORT)
    page.locator("main form [type=submit]").click()

    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url.startswith(live_site.url(REVIEW_FORM))
    assert links_leaving_spanish(page) == []
    assert outside_requests == []
