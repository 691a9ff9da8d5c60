"""The affiliate site shows the network's shared content through aliases and lists its own
locations and forms, and its calls to action lead to forms on its own host, whose submissions
are its own."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from leads.models import LeadFormPage, LeadSubmission
from locations.models import LocationPage
from procedures.models import ConditionPage, ProcedurePage
from tests.helpers import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

AFFILIATE = "affiliate.localhost"


def affiliate_root():
    return Site.objects.get(hostname=AFFILIATE).root_page


def get(client, path):
    return client.get(path, headers={"host": AFFILIATE})


def test_every_shared_page_has_one_alias_on_the_affiliate_site():
    root = affiliate_root()
    for model in (ProcedurePage, ConditionPage):
        # The affiliate site is in English: it shows the English originals.
        originals = model.objects.filter(alias_of=None, locale=root.locale)
        aliases = model.objects.descendant_of(root)
        assert sorted(a.alias_of_id for a in aliases) == sorted(o.pk for o in originals)


def test_the_affiliate_lists_its_own_locations_each_with_procedures_and_a_physician(client):
    locations = LocationPage.objects.live().descendant_of(affiliate_root())
    assert locations.count() >= 2
    listed = visible_text(get(client, "/locations/").content)
    for location in locations:
        assert location.title in listed
        page = visible_text(get(client, urlsplit(location.full_url).path).content)
        assert location.listed_procedures()
        assert location.physician_links.exists()
        for procedure in location.listed_procedures():
            assert procedure.title in page
        for link in location.physician_links.all():
            assert link.physician.name in page


def test_the_affiliate_has_the_four_lead_forms_on_its_own_host(client):
    forms = LeadFormPage.objects.live().descendant_of(affiliate_root())
    network_forms = (
        LeadFormPage.objects.live()
        .descendant_of(Site.objects.get(is_default_site=True).root_page)
        .filter(locale__language_code="en")
    )
    assert sorted(forms.values_list("slug", flat=True)) == sorted(
        network_forms.values_list("slug", flat=True)
    )
    for form in forms:
        assert urlsplit(form.full_url).netloc.split(":")[0] == AFFILIATE
        assert get(client, urlsplit(form.full_url).path).status_code == 200


@pytest.mark.parametrize("path", ["/", "/procedures/", "/locations/"])
def test_every_affiliate_call_to_action_leads_to_a_form_on_its_own_host(client, path):
    soup = BeautifulSoup(get(client, path).content, "html.parser")
    targets = [
        link["href"]
        for link in soup.select("main .cta__button")
        if not link["href"].startswith("tel:")
    ]
    assert targets
    for href in targets:
        assert urlsplit(href).netloc in ("", AFFILIATE), href
        target = get(client, urlsplit(href).path)
        assert target.status_code == 200, href
        page = target.context["page"]
        assert isinstance(page, LeadFormPage) and page.is_descendant_of(affiliate_root()), href


def test_a_form_aliased_on_the_affiliate_keeps_its_submissions_apart(client):
    alias = LeadFormPage.objects.descendant_of(affiliate_root()).get(slug="free-info-kit")
    assert alias.alias_of_id is not None
    sent = {
        "full_name": "Sam Lee",
        "street_address": "1 Main Street",
        "city": "Fort Worth",
        "state": "TX",
        "zip_code": "76107",
    }
    response = get(client, "/free-info-kit/")
    assert response.status_code == 200
    response = client.post("/free-info-kit/", sent, headers={"host": AFFILIATE})
    assert response.status_code == 200
    assert "form" not in response.context
    submission = LeadSubmission.objects.get(page=alias)
    assert submission.form_data["zip_code"] == "76107"
    assert not LeadSubmission.objects.filter(page_id=alias.alias_of_id).exists()
