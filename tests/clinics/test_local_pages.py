"""Local procedure pages: shared content plus local facts, never published without them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from clinics.models import LocalProcedurePage, LocalProcedureSurgeon
from people.models import Physician
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def new_local_page(location, **fields):
    page = LocalProcedurePage(
        title="Lumbar foraminotomy in Dallas",
        slug="lumbar-foraminotomy",
        procedure=ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None),
        live=False,
        **fields,
    )
    location.add_child(instance=page)
    page.save_revision()
    return page


def test_the_demo_local_page_shows_shared_and_local_content(client):
    response = client.get("/locations/dallas-tx/microdiscectomy/")
    assert response.status_code == 200
    html = response.content.decode()
    procedure = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    assert "dedicated outpatient suite" in html  # the local introduction
    assert "Tuesday and Thursday mornings" in html
    assert "Maria G." in html  # a local testimonial
    assert procedure.summary[:20] in html or "About Microdiscectomy" in html
    assert "+12145550100" in html  # the location's phone


@pytest.mark.parametrize(
    "fields, missing",
    [
        ({"schedule_note": "Mondays"}, "local_introduction"),
        ({"local_introduction": "<p>Our way of doing it.</p>"}, "__all__"),
        ({"local_introduction": "<p> </p>", "direct_phone": "+12145550111"}, "local_introduction"),
    ],
)
def test_publishing_without_local_content_is_refused(dallas, fields, missing):
    page = new_local_page(dallas, **fields)
    with pytest.raises(ValidationError) as excinfo:
        page.get_latest_revision().publish()
    assert missing in excinfo.value.message_dict
    page.refresh_from_db()
    assert not page.live


def test_publishing_with_an_introduction_and_a_surgeon_succeeds(dallas):
    page = new_local_page(dallas, local_introduction="<p>Done in our new suite.</p>")
    page.surgeons = [LocalProcedureSurgeon(physician=dallas.listed_physicians()[0])]
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert page.url_path.endswith("/locations/dallas-tx/lumbar-foraminotomy/")


def admin_form(procedure, **overrides):
    data = {
        "title": "Lumbar foraminotomy in Dallas",
        "slug": "lumbar-foraminotomy",
        "procedure": procedure.pk,
        "local_introduction": rich_text(""),
        "direct_phone": "",
        "schedule_note": "",
        "surgeons": inline_formset([]),
        "local_testimonials": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_admin_refuses_to_publish_and_keeps_the_input(admin_client, dallas):
    procedure = ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None)
    url = reverse("wagtailadmin_pages:add", args=["clinics", "localprocedurepage", dallas.pk])
    response = admin_client.post(url, admin_form(procedure))
    assert response.status_code == 200
    form = response.context["form"]
    assert "local_introduction" in form.errors
    assert any("at least one local fact" in error for error in form.non_field_errors())
    assert form["title"].value() == "Lumbar foraminotomy in Dallas"
    assert not LocalProcedurePage.objects.filter(slug="lumbar-foraminotomy").exists()


def test_the_admin_publishes_a_complete_local_page(admin_client, dallas):
    procedure = ProcedurePage.objects.get(slug="lumbar-foraminotomy", alias_of=None)
    url = reverse("wagtailadmin_pages:add", args=["clinics", "localprocedurepage", dallas.pk])
    data = admin_form(
        procedure,
        local_introduction=rich_text("Done in our Dallas suite."),
        schedule_note="Wednesdays",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = LocalProcedurePage.objects.get(slug="lumbar-foraminotomy")
    assert page.live


def test_the_admin_refuses_a_procedure_or_surgeon_from_elsewhere(admin_client, atlanta):
    microdiscectomy = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    outsider = Physician.objects.exclude(location_links__page=atlanta).first()
    url = reverse("wagtailadmin_pages:add", args=["clinics", "localprocedurepage", atlanta.pk])
    data = admin_form(
        microdiscectomy,
        local_introduction=rich_text("Intro."),
        surgeons=inline_formset([{"physician": outsider.pk}]),
    )
    response = admin_client.post(url, data)
    form = response.context["form"]
    assert "does not offer this procedure" in str(form.errors["procedure"])
    assert any("does not practise at" in error for error in form.non_field_errors())


def test_a_local_page_can_only_live_under_a_location():
    from home.models import HomePage
    from locations.models import LocationPage

    assert LocalProcedurePage.allowed_parent_page_models() == [LocationPage]
    assert not LocalProcedurePage.can_exist_under(HomePage.objects.first())


def test_the_location_page_links_to_its_local_pages(client, dallas):
    html = client.get("/locations/dallas-tx/").content.decode()
    assert 'href="/locations/dallas-tx/microdiscectomy/"' in html
