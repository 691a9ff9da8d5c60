"""Clinic editors work on their own clinic only, in the admin and through API v3 tokens."""

import json

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Collection

from clinics.models import ClinicTeam
from clinics.scope import clinic_team_for_page, location_for_page
from people.models import Testimonial
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

TESTIMONIAL_API = "/api/v3/snippets/people.Testimonial/"


def api(client, method, url, token, payload=None):
    return getattr(client, method)(
        url,
        data=json.dumps(payload) if payload is not None else None,
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )


def clinic_image(location, title):
    collection = ClinicTeam.objects.get(location=location).collection
    source = Image.objects.first()
    return Image.objects.create(
        title=title, file=source.file.name, width=10, height=10, collection=collection
    )


# --- The page tree -----------------------------------------------------------------------


def test_clinic_editors_edit_and_publish_only_their_location_pages(dallas, atlanta, dallas_editor):
    local_page = dallas.get_children().first()
    for page in (dallas, local_page):
        permissions = page.permissions_for_user(dallas_editor)
        assert permissions.can_edit() and permissions.can_publish()
        assert permissions.can_add_subpage() or page is local_page
    elsewhere = atlanta.permissions_for_user(dallas_editor)
    assert not elsewhere.can_edit() and not elsewhere.can_publish()


def test_the_admin_opens_only_the_own_clinic_for_editing(client, dallas, atlanta, dallas_editor):
    client.force_login(dallas_editor)
    own = client.get(reverse("wagtailadmin_pages:edit", args=[dallas.pk]))
    other = client.get(reverse("wagtailadmin_pages:edit", args=[atlanta.pk]))
    assert own.status_code == 200
    assert other.status_code in (302, 403)
    assert other.status_code != 200


def test_shared_content_changes_from_a_clinic_go_to_network_review(dallas_editor, network_editor):
    procedure = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    clinic = procedure.permissions_for_user(dallas_editor)
    assert clinic.can_edit() and not clinic.can_publish()
    assert procedure.permissions_for_user(network_editor).can_publish()

    workflow = procedure.get_workflow()
    assert workflow is not None and workflow.name == "Network review"
    procedure.title = "Microdiscectomy, as Dallas sees it"
    procedure.save_revision(user=dallas_editor)
    state = workflow.start(procedure, dallas_editor)
    task = state.current_task_state.task.specific
    assert task.get_actions(procedure, network_editor)  # the network may approve
    assert not task.get_actions(procedure, dallas_editor)  # the clinic may not
    procedure.refresh_from_db()
    assert procedure.title == "Microdiscectomy"  # nothing is live before approval


# --- Testimonials ------------------------------------------------------------------------


def test_the_testimonial_list_shows_only_the_own_clinic(client, dallas, dallas_editor):
    client.force_login(dallas_editor)
    response = client.get(reverse("wagtailsnippets_people_testimonial:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for testimonial in Testimonial.objects.all():
        shown = testimonial.display_name in html
        assert shown == (testimonial.location_id == dallas.pk), testimonial.display_name


def test_the_admin_edits_only_the_own_clinic_testimonials(client, dallas, atlanta, dallas_editor):
    client.force_login(dallas_editor)
    own = Testimonial.objects.filter(location=dallas).first()
    other = Testimonial.objects.filter(location=atlanta).first()
    edit = "wagtailsnippets_people_testimonial:edit"
    assert client.get(reverse(edit, args=[own.pk])).status_code == 200
    response = client.get(reverse(edit, args=[other.pk]))
    assert response.status_code in (302, 403)
    response = client.post(reverse(edit, args=[other.pk]), {"display_name": "Changed"})
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.display_name != "Changed"


def test_a_new_testimonial_can_only_name_the_own_clinic(client, dallas, dallas_editor):
    client.force_login(dallas_editor)
    response = client.get(reverse("wagtailsnippets_people_testimonial:add"))
    choices = response.context["form"].fields["location"].queryset
    assert list(choices) == [dallas]


# --- Images ------------------------------------------------------------------------------


def test_clinic_editors_edit_only_their_own_collection_images(
    client, dallas, atlanta, dallas_editor
):
    own = clinic_image(dallas, "Dallas lobby")
    other = clinic_image(atlanta, "Atlanta lobby")
    client.force_login(dallas_editor)
    assert client.get(reverse("wagtailimages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[other.pk])).status_code in (302, 403)
    assert ClinicTeam.objects.get(location=dallas).collection in Collection.objects.all()


# --- API v3 ------------------------------------------------------------------------------


def test_a_clinic_token_writes_its_own_pages_and_gets_403_elsewhere(
    client, token, dallas, atlanta, dallas_editor
):
    key = token(dallas_editor)
    own = api(client, "patch", f"/api/v3/pages/{dallas.pk}/", key, {"summary": "Updated."})
    assert own.status_code == 200, own.content
    other = api(client, "patch", f"/api/v3/pages/{atlanta.pk}/", key, {"summary": "Hijacked."})
    assert other.status_code == 403, other.content
    publish = api(client, "post", f"/api/v3/pages/{atlanta.pk}/actions/publish/", key)
    assert publish.status_code == 403
    atlanta.refresh_from_db()
    assert atlanta.summary != "Hijacked."


def test_a_clinic_token_cannot_publish_shared_content(client, token, dallas_editor, network_editor):
    procedure = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    url = f"/api/v3/pages/{procedure.pk}/actions/publish/"
    assert api(client, "post", url, token(dallas_editor)).status_code == 403
    assert api(client, "post", url, token(network_editor)).status_code == 200


def test_a_clinic_token_sees_and_changes_only_its_testimonials(
    client, token, dallas, atlanta, dallas_editor
):
    key = token(dallas_editor)
    listed = api(client, "get", TESTIMONIAL_API, key)
    assert listed.status_code == 200, listed.content
    ids = {item["id"] for item in listed.json()["items"]}
    assert ids == set(Testimonial.objects.filter(location=dallas).values_list("pk", flat=True))

    own = Testimonial.objects.filter(location=dallas).first()
    other = Testimonial.objects.filter(location=atlanta).first()
    changed = api(client, "patch", f"{TESTIMONIAL_API}{own.pk}/", key, {"headline_quote": "Great."})
    assert changed.status_code == 200, changed.content
    refused = api(client, "patch", f"{TESTIMONIAL_API}{other.pk}/", key, {"headline_quote": "x"})
    assert refused.status_code == 403, refused.content
    publish = api(client, "post", f"{TESTIMONIAL_API}{other.pk}/actions/publish/", key)
    assert publish.status_code == 403


def test_a_clinic_token_cannot_create_a_testimonial_for_another_clinic(
    client, token, atlanta, dallas_editor
):
    payload = {
        "display_name": "Someone",
        "headline_quote": "Placed in the wrong clinic.",
        "location_id": atlanta.pk,
    }
    response = api(client, "post", TESTIMONIAL_API, token(dallas_editor), payload)
    assert response.status_code == 403, response.content
    assert not Testimonial.objects.filter(display_name="Someone").exists()


# --- Which clinic a page belongs to (for other apps, e.g. lead managers) -----------------


def test_every_page_under_a_location_belongs_to_its_clinic(dallas):
    local_page = dallas.get_children().first()
    assert location_for_page(local_page) == dallas
    assert location_for_page(dallas) == dallas
    assert location_for_page(dallas.get_parent()) is None
    assert clinic_team_for_page(local_page).editors.name == "Clinic editors: Dallas, Texas"


def test_a_clinic_token_changes_only_its_own_collection_images(
    client, token, dallas, atlanta, dallas_editor
):
    own = clinic_image(dallas, "Dallas lobby")
    other = clinic_image(atlanta, "Atlanta lobby")
    key = token(dallas_editor)
    changed = api(client, "patch", f"/api/v3/images/{own.pk}/", key, {"title": "Lobby"})
    assert changed.status_code == 200, changed.content
    refused = api(client, "patch", f"/api/v3/images/{other.pk}/", key, {"title": "Mine now"})
    assert refused.status_code == 403, refused.content
    other.refresh_from_db()
    assert other.title == "Atlanta lobby"


def test_network_editors_write_shared_content_but_no_clinic_pages(dallas, network_editor):
    procedure = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    assert procedure.permissions_for_user(network_editor).can_publish()
    assert procedure.get_parent().permissions_for_user(network_editor).can_add_subpage()
    assert not dallas.permissions_for_user(network_editor).can_edit()


def test_the_admin_offers_a_clinic_editor_review_instead_of_publishing(client, dallas_editor):
    procedure = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    client.force_login(dallas_editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[procedure.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
