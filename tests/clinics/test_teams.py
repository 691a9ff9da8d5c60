"""setup_clinic_teams: one editors' group and collection per location, run as often as needed."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupPagePermission, Workflow

from clinics.models import ClinicTeam
from locations.models import LocationPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def counts():
    return (
        Group.objects.count(),
        Collection.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )


def test_every_location_has_a_team_and_running_again_adds_nothing():
    before = counts()
    output = io.StringIO()
    call_command("setup_clinic_teams", stdout=output)
    assert counts() == before
    # One team per clinic, whatever the number of languages its page is in.
    clinics = LocationPage.objects.values("translation_key").distinct().count()
    assert ClinicTeam.objects.count() == clinics
    assert "Clinic editors: Fort Worth, Texas" in output.getvalue()


def test_a_new_location_gets_its_team(dallas):
    index = dallas.get_parent()
    new = LocationPage(
        title="Houston, Texas",
        slug="houston-tx",
        city="Houston",
        state="TX",
        street_address="1 Main Street",
        zip_code="77002",
        latitude="29.756",
        longitude="-95.365",
        main_phone="+17135550100",
        summary="A new clinic.",
    )
    index.add_child(instance=new)
    call_command("setup_clinic_teams", stdout=io.StringIO())
    team = ClinicTeam.objects.get(location=new)
    assert team.editors.name == "Clinic editors: Houston, Texas"
    assert team.collection.name == "Clinic: Houston, Texas"
    assert GroupPagePermission.objects.filter(group=team.editors, page=new).count() == 3
