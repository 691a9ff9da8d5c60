"""Clinic editors work on their own clinic only, in the admin and through API v3 tokens."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Collection

from clinics.factories import LocalProcedurePageFactory
from clinics.models import ClinicTeam
from clinics.scope import clinic_team_for_page, location_for_page
from clinics.teams import CLINIC_EDITORS_PREFIX, NETWORK_EDITORS
from core.factories import ImageFactory
from locations.factories import LocationPageFactory
from locations.models import LocationService
from people.factories import TestimonialFactory
from people.models import Testimonial
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    """The default site: a shared procedure, two clinics with testimonials, and their teams.

    The clinics are named apart from the demo's, whose editors' groups have their names.
    """
    site = a_site(default=True)
    microdiscectomy = ProcedurePageFactory(
        parent=site.procedures, title="Microdiscectomy", slug="microdiscectomy"
    )
    site.plano = LocationPageFactory(parent=site.locations, title="Plano, Texas")
    site.macon = LocationPageFactory(parent=site.locations, title="Macon, Georgia")
    LocationService.objects.create(page=site.plano, procedure=microdiscectomy)
    LocalProcedurePageFactory(parent=site.plano, procedure=microdiscectomy)
    for name, location in [
        ("Olga P.", site.plano),
        ("Ivan Q.", site.plano),
        ("Mona M.", site.macon),
    ]:
        TestimonialFactory(display_name=name, location=location)
    call_command("setup_clinic_teams", stdout=io.StringIO())
    return site


@pytest.fixture
def plano(network):
    return network.plano


@pytest.fixture
def macon(network):
    return network.macon


@pytest.fixture
def plano_editor(network, make_user):
    return make_user("plano-editor", f"{CLINIC_EDITORS_PREFIX}Plano, Texas")


@pytest.fixture
def network_editor(network, make_user):
    return make_user("network-editor", NETWORK_EDITORS)


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
    source = ImageFactory()
    return Image.objects.create(
        title=title, file=source.file.name, width=10, height=10, collection=collection
    )


# --- The page tree -----------------------------------------------------------------------


def test_clinic_editors_edit_and_publish_only_their_location_pages(plano, macon, plano_editor):
    local_page = plano.get_children().first()
    for page in (plano, local_page):
        permissions = page.permissions_for_user(plano_editor)
        assert permissions.can_edit() and permissions.can_publish()
        assert permissions.can_add_subpage() or page is local_page
    elsewhere = macon.permissions_for_user(plano_editor)
    assert not elsewhere.can_edit() and not elsewhere.can_publish()


def test_the_admin_opens_only_the_own_clinic_for_editing(client, plano, macon, plano_editor):
    client.force_login(plano_editor)
    own = client.get(reverse("wagtailadmin_pages:edit", args=[plano.pk]))
    other = client.get(reverse("wagtailadmin_pages:edit", args=[macon.pk]))
    assert own.status_code == 200
    assert other.status_code in (302, 403)
    assert other.status_code != 200


def test_shared_content_changes_from_a_clinic_go_to_network_review(
    network, plano_editor, network_editor
):
    procedure = ProcedurePage.objects.child_of(network.procedures).get(slug="microdiscectomy")
    clinic = procedure.permissions_for_user(plano_editor)
    assert clinic.can_edit() and not clinic.can_publish()
    assert procedure.permissions_for_user(network_editor).can_publish()

    workflow = procedure.get_workflow()
    assert workflow is not None and workflow.name == "Network review"
    procedure.title = "Microdiscectomy, as Plano sees it"
    procedure.save_revision(user=plano_editor)
    state = workflow.start(procedure, plano_editor)
    task = state.current_task_state.task.specific
    assert task.get_actions(procedure, network_editor)  # the network may approve
    assert not task.get_actions(procedure, plano_editor)  # the clinic may not
    procedure.refresh_from_db()
    assert procedure.title == "Microdiscectomy"  # nothing is live before approval


# --- Testimonials ------------------------------------------------------------------------


def test_the_testimonial_list_shows_only_the_own_clinic(client, plano, plano_editor):
    client.force_login(plano_editor)
    response = client.get(reverse("wagtailsnippets_people_testimonial:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for testimonial in Testimonial.objects.all():
        shown = testimonial.display_name in html
        assert shown == (testimonial.location_id == plano.pk), testimonial.display_name


def test_the_admin_edits_only_the_own_clinic_testimonials(client, plano, macon, plano_editor):
    client.force_login(plano_editor)
    own = Testimonial.objects.filter(location=plano).first()
    other = Testimonial.objects.filter(location=macon).first()
    edit = "wagtailsnippets_people_testimonial:edit"
    assert client.get(reverse(edit, args=[own.pk])).status_code == 200
    response = client.get(reverse(edit, args=[other.pk]))
    assert response.status_code in (302, 403)
    response = client.post(reverse(edit, args=[other.pk]), {"display_name": "Changed"})
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.display_name != "Changed"


def test_a_new_testimonial_can_only_name_the_own_clinic(client, plano, plano_editor):
    client.force_login(plano_editor)
    response = client.get(reverse("wagtailsnippets_people_testimonial:add"))
    choices = response.context["form"].fields["location"].queryset
    assert list(choices) == [plano]


# --- Images ------------------------------------------------------------------------------


def test_clinic_editors_edit_only_their_own_collection_images(client, plano, macon, plano_editor):
    own = clinic_image(plano, "Plano lobby")
    other = clinic_image(macon, "Macon lobby")
    client.force_login(plano_editor)
    assert client.get(reverse("wagtailimages:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[other.pk])).status_code in (302, 403)
    assert ClinicTeam.objects.get(location=plano).collection in Collection.objects.all()


# --- API v3 ------------------------------------------------------------------------------


def test_a_clinic_token_writes_its_own_pages_and_gets_403_elsewhere(
    client, token, plano, macon, plano_editor
):
    key = token(plano_editor)
    own = api(client, "patch", f"/api/v3/pages/{plano.pk}/", key, {"summary": "Updated."})
    assert own.status_code == 200, own.content
    other = api(client, "patch", f"/api/v3/pages/{macon.pk}/", key, {"summary": "Hijacked."})
    assert other.status_code == 403, other.content
    publish = api(client, "post", f"/api/v3/pages/{macon.pk}/actions/publish/", key)
    assert publish.status_code == 403
    macon.refresh_from_db()
    assert macon.summary != "Hijacked."


def test_a_clinic_token_cannot_publish_shared_content(
    network, client, token, plano_editor, network_editor
):
    procedure = ProcedurePage.objects.child_of(network.procedures).get(slug="microdiscectomy")
    url = f"/api/v3/pages/{procedure.pk}/actions/publish/"
    assert api(client, "post", url, token(plano_editor)).status_code == 403
    assert api(client, "post", url, token(network_editor)).status_code == 200


def test_a_clinic_token_sees_and_changes_only_its_testimonials(
    client, token, plano, macon, plano_editor
):
    key = token(plano_editor)
    listed = api(client, "get", TESTIMONIAL_API, key)
    assert listed.status_code == 200, listed.content
    ids = {item["id"] for item in listed.json()["items"]}
    assert ids == set(Testimonial.objects.filter(location=plano).values_list("pk", flat=True))

    own = Testimonial.objects.filter(location=plano).first()
    other = Testimonial.objects.filter(location=macon).first()
    changed = api(client, "patch", f"{TESTIMONIAL_API}{own.pk}/", key, {"headline_quote": "Great."})
    assert changed.status_code == 200, changed.content
    refused = api(client, "patch", f"{TESTIMONIAL_API}{other.pk}/", key, {"headline_quote": "x"})
    assert refused.status_code == 403, refused.content
    publish = api(client, "post", f"{TESTIMONIAL_API}{other.pk}/actions/publish/", key)
    assert publish.status_code == 403


def test_a_clinic_token_cannot_create_a_testimonial_for_another_clinic(
    client, token, macon, plano_editor
):
    payload = {
        "display_name": "Someone",
        "headline_quote": "Placed in the wrong clinic.",
        "location_id": macon.pk,
    }
    response = api(client, "post", TESTIMONIAL_API, token(plano_editor), payload)
    assert response.status_code == 403, response.content
    assert not Testimonial.objects.filter(display_name="Someone").exists()


# --- Which clinic a page belongs to (for other apps, e.g. lead managers) -----------------


def test_every_page_under_a_location_belongs_to_its_clinic(plano):
    local_page = plano.get_children().first()
    assert location_for_page(local_page) == plano
    assert location_for_page(plano) == plano
    assert location_for_page(plano.get_parent()) is None
    assert clinic_team_for_page(local_page).editors.name == "Clinic editors: Plano, Texas"


def test_a_clinic_token_changes_only_its_own_collection_images(
    client, token, plano, macon, plano_editor
):
    own = clinic_image(plano, "Plano lobby")
    other = clinic_image(macon, "Macon lobby")
    key = token(plano_editor)
    changed = api(client, "patch", f"/api/v3/images/{own.pk}/", key, {"title": "Lobby"})
    assert changed.status_code == 200, changed.content
    refused = api(client, "patch", f"/api/v3/images/{other.pk}/", key, {"title": "Mine now"})
    assert refused.status_code == 403, refused.content
    other.refresh_from_db()
    assert other.title == "Macon lobby"


def test_network_editors_write_shared_content_but_no_clinic_pages(network, plano, network_editor):
    procedure = ProcedurePage.objects.child_of(network.procedures).get(slug="microdiscectomy")
    assert procedure.permissions_for_user(network_editor).can_publish()
    assert procedure.get_parent().permissions_for_user(network_editor).can_add_subpage()
    assert not plano.permissions_for_user(network_editor).can_edit()


def test_the_admin_offers_a_clinic_editor_review_instead_of_publishing(
    network, client, plano_editor
):
    procedure = ProcedurePage.objects.child_of(network.procedures).get(slug="microdiscectomy")
    client.force_login(plano_editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[procedure.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
