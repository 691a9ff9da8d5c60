"""The consent ledger is kept by each clinic's lead managers (issue #18, leads.ledger): a
clinic's lead managers list, open and are warned of the authorizations of their clinic's
testimonials only; lead managers of every form and superusers keep the whole ledger; a
user given the ledger's permissions who manages no leads sees none of it."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from locations.factories import LocationPageFactory
from people.consent import TestimonialAuthorization
from people.factories import TestimonialFactory
from tests.leads.helpers import lead_managers

pytestmark = pytest.mark.django_db

LEDGER_ACTIONS = ("view", "change", "add")


def keeping_the_ledger(group):
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="people",
            codename__in=[f"{action}_testimonialauthorization" for action in LEDGER_ACTIONS],
        )
    )
    return group


def an_admin_group(name):
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


@pytest.fixture
def clinics(lead_site, django_user_model):
    dallas = LocationPageFactory(parent=lead_site.locations, title="Dallas, Texas")
    atlanta = LocationPageFactory(parent=lead_site.locations, title="Atlanta, Georgia")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    authorizations = {
        clinic: TestimonialAuthorization.objects.get(
            testimonial=TestimonialFactory(location=location, authorized__expires_on=soon)
        )
        for clinic, location in (("dallas", dallas), ("atlanta", atlanta))
    }
    users = {}
    for name, group in (
        ("dallas", lead_managers(dallas)),
        ("network", lead_managers()),
        ("no leads", an_admin_group("Ledger without leads")),
    ):
        keeping_the_ledger(group)
        users[name] = django_user_model.objects.create_user(
            username=name.replace(" ", "-"), email=f"{name.replace(' ', '-')}@example.com"
        )
        users[name].groups.add(group)
    return authorizations, users


def admin_as(user):
    client = Client()
    client.force_login(user)
    return client


def listed(client):
    return client.get(reverse("wagtailsnippets_people_testimonialauthorization:list")).text


def opens(client, authorization):
    """Whether the edit view shows the authorization; the admin answers a refusal with a
    redirect to the dashboard and a message."""
    url = reverse("wagtailsnippets_people_testimonialauthorization:edit", args=[authorization.pk])
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    return False


def test_a_clinic_s_lead_managers_keep_its_authorizations_only(clinics):
    authorizations, users = clinics
    dallas = admin_as(users["dallas"])

    text = listed(dallas)

    assert authorizations["dallas"].testimonial.display_name in text
    assert authorizations["atlanta"].testimonial.display_name not in text
    assert opens(dallas, authorizations["dallas"])
    assert not opens(dallas, authorizations["atlanta"])
    dashboard = dallas.get(reverse("wagtailadmin_home")).text
    assert authorizations["dallas"].testimonial.display_name in dashboard
    assert authorizations["atlanta"].testimonial.display_name not in dashboard


def test_lead_managers_of_every_form_keep_the_whole_ledger(clinics):
    authorizations, users = clinics
    network = admin_as(users["network"])

    text = listed(network)

    for authorization in authorizations.values():
        assert authorization.testimonial.display_name in text
        assert opens(network, authorization)


def test_the_ledger_s_permissions_without_lead_access_show_nothing(clinics):
    authorizations, users = clinics
    outsider = admin_as(users["no leads"])

    text = listed(outsider)

    for authorization in authorizations.values():
        assert authorization.testimonial.display_name not in text
        assert not opens(outsider, authorization)


def test_expiry_warnings_go_to_the_clinic_s_own_lead_managers(clinics, superuser):
    authorizations, _users = clinics
    mail.outbox.clear()

    call_command("warn_expiring_consent", stdout=io.StringIO())

    told = {}
    for message in mail.outbox:
        told.setdefault(message.to[0], set()).add(message.subject)

    def subject(clinic):
        authorization = authorizations[clinic]
        return (
            f"Testimonial #{authorization.testimonial_id}: the patient's consent expires on "
            f"{authorization.expires_on.isoformat()}"
        )

    assert told == {
        "dallas@example.com": {subject("dallas")},
        "network@example.com": {subject("dallas"), subject("atlanta")},
        superuser.email: {subject("dallas"), subject("atlanta")},
    }


def views_of_one_authorization():
    """The name of every ledger admin view that opens a single authorization."""
    viewset = TestimonialAuthorization.snippet_viewset
    return [
        viewset.get_url_name(pattern.name)
        for pattern in viewset.get_urlpatterns()
        if "<int:pk>" in str(pattern.pattern)
    ]


@pytest.mark.parametrize("url_name", views_of_one_authorization())
def test_no_view_of_the_ledger_shows_another_clinic_s_authorization(clinics, url_name):
    authorizations, users = clinics
    users["dallas"].groups.get().permissions.add(
        Permission.objects.get(codename="delete_testimonialauthorization")
    )
    dallas = admin_as(users["dallas"])

    own = dallas.get(reverse(url_name, args=[authorizations["dallas"].pk]))
    other = dallas.get(reverse(url_name, args=[authorizations["atlanta"].pk]))

    assert own.status_code == 200
    assert other.status_code in (302, 403, 404)
    assert authorizations["atlanta"].testimonial.display_name not in other.text


def recording(client, testimonial):
    today = timezone.localdate()
    return client.post(
        reverse("wagtailsnippets_people_testimonialauthorization:add"),
        {
            "testimonial": testimonial.pk,
            "signed_on": today.isoformat(),
            "expires_on": (today + datetime.timedelta(days=365)).isoformat(),
            "covers_site": "on",
            "covers_quote": "on",
            "revocation_scope": "all",
        },
    )


def test_a_clinic_s_lead_managers_record_consent_for_its_testimonials_only(clinics):
    authorizations, users = clinics
    dallas = admin_as(users["dallas"])
    ours = TestimonialFactory(
        location=authorizations["dallas"].testimonial.location, authorized=False
    )
    theirs = TestimonialFactory(
        location=authorizations["atlanta"].testimonial.location, authorized=False
    )

    refused = recording(dallas, theirs)
    recorded = recording(dallas, ours)

    assert refused.status_code == 200
    assert "testimonials of your own clinics" in refused.text
    assert not TestimonialAuthorization.objects.filter(testimonial=theirs).exists()
    assert recorded.status_code == 302
    assert TestimonialAuthorization.objects.filter(testimonial=ours).exists()
