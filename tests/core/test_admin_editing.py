"""Editors work through the Wagtail admin: pages, snippets and the dashboard."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.factories import CallToActionFactory, PhoneCallToActionFactory
from people.factories import (
    PhysicianFactory,
    TestimonialAuthorizationFactory,
    TestimonialFactory,
)
from people.models import Testimonial
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site
from tests.core.helpers import procedure_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return a_site()


@pytest.fixture
def new_procedure_url(site):
    """The admin's form for a new procedure on the built site."""
    parent = site.procedures
    return reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", parent.pk])


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        username="morgan", email="morgan@example.com", password="correct horse battery"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_moderator_creates_fills_and_publishes_a_procedure(
    moderator_client, client, site, new_procedure_url
):
    condition = ConditionPageFactory(parent=site.conditions, title="Herniated disc")
    cta = PhoneCallToActionFactory(button_label="Call 877.474.2225")

    assert moderator_client.get(new_procedure_url).status_code == 200
    response = moderator_client.post(new_procedure_url, procedure_form_data(condition, cta))
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").find_all(
        class_="error-message"
    )

    page = ProcedurePage.objects.get(slug="endoscopic-discectomy", alias_of=None)
    assert page.live
    assert [c.pk for c in page.listed_conditions()] == [condition.pk]

    public = client.get(page.relative_url(site.site), headers=site.headers)
    assert public.status_code == 200
    text = BeautifulSoup(public.content, "html.parser").get_text(" ")
    for expected in [
        "Endoscopic Discectomy",
        "An endoscopic discectomy removes disc fragments.",
        "Tiny incision",
        "Short walks.",
        "Ask us",
        cta.button_label,
        condition.title,
    ]:
        assert expected in text


def test_invalid_procedure_keeps_the_input_and_names_the_field(
    moderator_client, site, new_procedure_url
):
    condition = ConditionPageFactory(parent=site.conditions)
    data = procedure_form_data(condition, CallToActionFactory())
    data["procedure_type"] = ""
    response = moderator_client.post(new_procedure_url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "procedure_type" in form.errors
    assert form["summary"].value() == "Removes herniated disc material through a tiny incision."
    assert not ProcedurePage.objects.filter(slug="endoscopic-discectomy").exists()


def new_testimonial_data(**overrides):
    data = {
        "display_name": "Rosa M.",
        "condition": "",
        "condition_label": "Herniated disc",
        "procedure": "",
        "procedure_label": "Microdiscectomy",
        "location": "",
        "headline_quote": "I was back at work in two weeks.",
        "quotes-count": "0",
        "disclosure": "Individual results vary.",
    }
    data.update(overrides)
    return data


def test_admin_refuses_to_publish_a_testimonial_without_consent(admin_client):
    url = reverse("wagtailsnippets_people_testimonial:add")
    response = admin_client.post(url, new_testimonial_data(**{"action-publish": "publish"}))
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert "without an active authorization" in error
    assert not Testimonial.objects.filter(display_name="Rosa M.").exists()


def test_admin_saves_a_testimonial_draft_without_consent_then_publishes_with_it(admin_client):
    """The draft first, then the patient's authorization in the ledger, then Publish."""
    url = reverse("wagtailsnippets_people_testimonial:add")
    response = admin_client.post(url, new_testimonial_data())
    assert response.status_code == 302
    testimonial = Testimonial.objects.get(display_name="Rosa M.")
    assert not testimonial.live

    TestimonialAuthorizationFactory(testimonial=testimonial)
    edit_url = reverse("wagtailsnippets_people_testimonial:edit", args=[testimonial.pk])
    data = new_testimonial_data(**{"action-publish": "publish"})
    assert admin_client.post(edit_url, data).status_code == 302
    testimonial.refresh_from_db()
    assert testimonial.live


def test_admin_shows_field_errors_for_a_call_to_action_with_page_and_url(admin_client, site):
    url = reverse("wagtailsnippets_cms_calltoaction:add")
    data = {
        "kind": "url",
        "heading": "Book a visit",
        "text": "",
        "button_label": "Book",
        "link_page": str(site.home.pk),
        "link_url": "https://example.com",
        "phone": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "link_page" in errors and "link_url" in errors
    assert response.context["form"]["heading"].value() == "Book a visit"


@pytest.fixture
def snippets():
    """Two of each kind of snippet, told apart by the listings' searches and filters."""
    TestimonialFactory(display_name="Larry L.")
    TestimonialFactory(display_name="Maria G.")
    PhysicianFactory(name="Daniel Okafor")
    PhysicianFactory(name="Priya Raman")
    CallToActionFactory(heading="Request a Free Info Kit")
    CallToActionFactory(heading="Free MRI/CT Review")
    PhoneCallToActionFactory(heading="We love your questions!")


@pytest.mark.usefixtures("snippets")
@pytest.mark.parametrize(
    ("listing", "query", "expected", "absent"),
    [
        ("wagtailsnippets_people_testimonial:list", {"q": "Larry"}, "Larry L.", "Maria G."),
        ("wagtailsnippets_people_physician:list", {"q": "Okafor"}, "Okafor", "Raman"),
        ("wagtailsnippets_cms_calltoaction:list", {"q": "Info Kit"}, "Info Kit", "MRI/CT"),
        ("wagtailsnippets_cms_calltoaction:list", {"kind": "phone"}, "questions!", "Info Kit"),
    ],
)
def test_snippet_listings_search_and_filter(admin_client, listing, query, expected, absent):
    response = admin_client.get(reverse(listing), query)
    assert response.status_code == 200
    listing_html = str(BeautifulSoup(response.content, "html.parser").select_one("table.listing"))
    assert expected in listing_html
    assert absent not in listing_html


def test_dashboard_lists_pages_whose_medical_review_is_due(admin_client, site):
    # Titles of their own: the demo's pages may be due too.
    due = ProcedurePageFactory(
        parent=site.procedures,
        title="Procedure reviewed yesterday",
        next_review=timezone.localdate() - datetime.timedelta(days=1),
    )
    later = ProcedurePageFactory(
        parent=site.procedures,
        title="Procedure reviewed next year",
        next_review=timezone.localdate() + datetime.timedelta(days=365),
    )

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    panel = BeautifulSoup(html, "html.parser").find(id="medical-reviews-due")
    assert panel is not None
    assert due.title in panel.get_text()
    assert later.title not in panel.get_text()
