"""The FTC's disclosure of a patient's connection to the clinic (issue #18, 16 CFR 255.5):
when an active authorization records a material connection or an employee or insider, the
testimonial carries the matching sentence wherever it is shown: the page's HTML (the
testimonials block and a clinic's local procedure page), API v2 (the testimonial and page
bodies) and API v3 (the snippet and page bodies)."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from clinics.factories import LocalProcedurePageFactory
from clinics.models import LocalProcedureTestimonial
from locations.factories import LocationPageFactory
from people.consent import TestimonialAuthorization
from people.factories import TestimonialAuthorizationFactory, TestimonialFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
GIFT = (
    "This patient received something of value from the clinic, such as free or discounted "
    "care, payment or a gift."
)
INSIDER = "This person works for the clinic or is related to someone who does."


def on_a_page(**authorization):
    """A live procedure page quoting a testimonial authorized with these fields."""
    built = a_site()
    testimonial = TestimonialFactory(headline_quote="I walk again.", **authorization)
    page = ProcedurePageFactory(parent=built.procedures, title="Foraminotomy")
    page.body = [
        {"type": "testimonials", "value": {"heading": "", "testimonials": [testimonial.pk]}}
    ]
    page.save_revision().publish()
    return built, page, testimonial


def v3_token(user):
    _token, plaintext = APIToken.create_token(user=user, name="disclosures")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def body_testimonial(answer):
    """The testimonial as a page body's testimonials block gives it (v2 and v3 alike)."""
    (block,) = [block for block in answer["body"] if block["type"] == "testimonials"]
    (testimonial,) = block["value"]["testimonials"]
    return testimonial


def disclosures_everywhere(client, superuser, built, page, testimonial):
    """The connection disclosure as each channel shows it (HTML: the page's text)."""
    headers = built.headers
    v2 = client.get(f"/api/v2/testimonials/{testimonial.pk}/", headers=headers).json()
    v2_listing = client.get("/api/v2/testimonials/", {"limit": 50}, headers=headers).json()
    (listed,) = [item for item in v2_listing["items"] if item["id"] == testimonial.pk]
    v3 = client.get(
        f"/api/v3/snippets/people.Testimonial/{testimonial.pk}/",
        headers=headers,
        **v3_token(superuser),
    ).json()
    return {
        "html": client.get(page.relative_url(built.site), headers=headers).text,
        "v2 testimonial": v2["connection_disclosure"],
        "v2 listing": listed["connection_disclosure"],
        "v2 page": body_testimonial(
            client.get(f"/api/v2/pages/{page.pk}/", headers=headers).json()
        )["connection_disclosure"],
        "v3 testimonial": v3["connection_disclosure"],
        "v3 page": body_testimonial(
            client.get(f"/api/v3/pages/{page.pk}/", headers=headers).json()
        )["connection_disclosure"],
    }


@pytest.mark.parametrize(
    "flags, sentence",
    [
        ({"authorized__material_connection": True}, GIFT),
        ({"authorized__employee_or_insider": True}, INSIDER),
        (
            {"authorized__material_connection": True, "authorized__employee_or_insider": True},
            f"{GIFT} {INSIDER}",
        ),
    ],
    ids=["material-connection", "employee-or-insider", "both"],
)
def test_every_channel_carries_the_matching_disclosure(client, superuser, flags, sentence):
    built, page, testimonial = on_a_page(**flags)

    shown = disclosures_everywhere(client, superuser, built, page, testimonial)

    html = shown.pop("html")
    assert f'<p class="testimonial__connection">{sentence}</p>' in html
    assert shown == dict.fromkeys(shown, sentence)


def test_no_connection_no_disclosure(client, superuser):
    built, page, testimonial = on_a_page()

    shown = disclosures_everywhere(client, superuser, built, page, testimonial)

    assert "testimonial__connection" not in shown.pop("html")
    assert shown == dict.fromkeys(shown, "")


def test_a_lapsed_authorization_s_flag_is_no_longer_disclosed(client, superuser):
    """What is disclosed is what the active authorizations record: a renewal without the
    connection (the free care is over) drops the sentence."""
    built, page, testimonial = on_a_page(authorized__material_connection=True)
    TestimonialAuthorization.objects.filter(testimonial=testimonial).update(
        signed_on=TODAY() - 400 * DAY, expires_on=TODAY() - DAY
    )
    TestimonialAuthorizationFactory(testimonial=testimonial)

    shown = disclosures_everywhere(client, superuser, built, page, testimonial)

    assert GIFT not in shown.pop("html")
    assert shown == dict.fromkeys(shown, "")


def test_a_clinic_s_local_procedure_page_carries_it(client):
    built = a_site()
    procedure = ProcedurePageFactory(parent=built.procedures, slug="microdiscectomy")
    dallas = LocationPageFactory(parent=built.locations, title="Dallas, Texas", slug="dallas-tx")
    local = LocalProcedurePageFactory(parent=dallas, procedure=procedure, slug="microdiscectomy")
    testimonial = TestimonialFactory(location=dallas, authorized__employee_or_insider=True)
    LocalProcedureTestimonial.objects.create(page=local, testimonial=testimonial)
    local.save_revision().publish()

    html = client.get(local.relative_url(built.site), headers=built.headers).text
    v2 = client.get(f"/api/v2/pages/{local.pk}/", headers=built.headers).json()

    assert f'<p class="testimonial__connection">{INSIDER}</p>' in html
    (listed,) = v2["testimonials"]
    assert listed["connection_disclosure"] == INSIDER
    assert INSIDER in json.dumps(
        client.get(f"/api/v3/pages/{local.pk}/", headers=built.headers).json()
    )
