"""A lead form sent without a valid CSRF token keeps the visitor's answers.

Browsers drop or block the token cookie, or a patient leaves the page open for
hours; the form must then come back filled in, ready to send again, rather than
as Django's bare 403 page that loses everything.
"""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from leads.models import LeadSubmission
from tests.leads.helpers import SECRET_NAME, SECRET_SYMPTOMS, mri_data

pytestmark = pytest.mark.django_db
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def refused(client, form_page, **data):
    response = client.post(form_page.url, mri_data(**data))
    assert response.status_code == 403
    return response, response.content.decode()


@pytest.mark.parametrize("cookie", ["kept", "lost"])
def test_the_form_comes_back_with_the_answers_and_sends_on_the_second_try(
    lead_site, mri_form, cookie
):
    visitor = Client(enforce_csrf_checks=True, headers=lead_site.headers)
    if cookie == "kept":
        visitor.get(mri_form.url)
    before = LeadSubmission.objects.count()

    response, html = refused(visitor, mri_form, csrfmiddlewaretoken="stale-token")

    assert "Please send the form again" in html
    assert SECRET_NAME in html and SECRET_SYMPTOMS in html
    assert "no-store" in response["Cache-Control"]
    assert LeadSubmission.objects.count() == before
    token = CSRF_TOKEN.search(html).group(1)
    again = visitor.post(mri_form.url, mri_data(csrfmiddlewaretoken=token))
    assert again.status_code == 200
    assert LeadSubmission.objects.count() == before + 1


def test_a_form_sent_from_another_site_gets_djangos_page(lead_site, mri_form):
    visitor = Client(enforce_csrf_checks=True, headers=lead_site.headers)
    visitor.get(mri_form.url)
    response = visitor.post(
        mri_form.url, mri_data(), headers={"origin": "https://attacker.example"}
    )
    assert response.status_code == 403
    assert SECRET_NAME not in response.content.decode()


def test_a_restricted_form_is_not_shown_to_those_who_have_not_passed(lead_site, mri_form):
    PageViewRestriction.objects.create(
        page=mri_form, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    visitor = Client(enforce_csrf_checks=True, headers=lead_site.headers)
    response = visitor.post(mri_form.url, mri_data())
    assert response.status_code == 403
    assert mri_form.title not in response.content.decode()


def test_other_addresses_keep_djangos_failure_page():
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post("/admin/login/", {"username": "someone", "password": "x"})
    assert response.status_code == 403
    assert "Please send the form again" not in response.content.decode()
