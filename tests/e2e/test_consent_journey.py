"""Issue #18's journey: a clinic's administrator revokes a patient's authorization and the
testimonial leaves the page; records a new authorization (the signed form's checklist),
publishes the testimonial again and finds it back on the page."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import expect

from people.consent import CORE_ELEMENT_FIELDS, TestimonialAuthorization
from tests.e2e.test_admin_languages_and_brands import log_in

pytestmark = pytest.mark.e2e

PATIENT = "Angela T."  # a testimonial of the demo content, quoted on the Atlanta clinic's page
QUOTED_ON = "/locations/atlanta-ga/"
QUOTE = "For three years I couldn’t sit through a movie."
LEDGER = "/admin/snippets/people/testimonialauthorization/"


def label_of(field_name):
    return str(capfirst(TestimonialAuthorization._meta.get_field(field_name).verbose_name))


def quoted(page):
    page.goto(QUOTED_ON)
    return page.get_by_text(QUOTE)


def save(page, message):
    page.get_by_role("navigation", name="Actions (footer)").get_by_role(
        "button", name="Save"
    ).click()
    expect(page.get_by_text(message)).to_be_visible()


def revoke(page, today):
    page.goto(LEDGER)
    page.get_by_role("link", name=re.compile(f"^{re.escape(PATIENT)}")).first.click()
    page.locator("#id_revoked_on").fill(today.isoformat())
    page.locator("#id_revocation_received").select_option(label="Email")
    page.locator("#id_revocation_scope").select_option(value="all")
    save(page, re.compile("updated", re.I))


def record_an_authorization(page, today):
    page.goto(f"{LEDGER}add/")
    page.locator("#id_testimonial-chooser").get_by_role("button", name="Choose").click()
    page.get_by_role("dialog").get_by_role("link", name=re.compile(re.escape(PATIENT))).click()
    page.locator("#id_signed_on").fill(today.isoformat())
    page.locator("#id_expires_on").fill((today + datetime.timedelta(days=365)).isoformat())
    for field_name in (*CORE_ELEMENT_FIELDS, "patients_own_words"):
        page.get_by_role("checkbox", name=label_of(field_name), exact=True).check()
    save(page, re.compile("created", re.I))


def publish_the_testimonial(page):
    page.goto("/admin/snippets/people/testimonial/")
    page.get_by_role("link", name=re.compile(f"^{re.escape(PATIENT)}")).first.click()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(re.compile("published", re.I)).first).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_revoked_authorization_takes_the_testimonial_down_and_a_new_one_brings_it_back(
    page, live_site, viewport
):
    today = timezone.localdate()
    expect(quoted(page)).to_be_visible()
    log_in(page, live_site)

    revoke(page, today)
    expect(quoted(page)).to_have_count(0)

    record_an_authorization(page, today)
    expect(quoted(page)).to_have_count(0)  # consent alone publishes nothing
    publish_the_testimonial(page)
    expect(quoted(page)).to_be_visible()
