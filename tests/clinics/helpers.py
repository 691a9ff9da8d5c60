"""Clinics of a built site with their editors' teams, as setup_clinic_teams gives them."""

from clinics.teams import ensure_network_teams
from locations.factories import LocationPageFactory


def clinics_with_teams(built_site, *titles):
    """A location page of built_site per title, each with its clinic team.

    A team's group is named after its location: titles must differ from the
    demo's locations, whose groups may be in the database.
    """
    locations = [LocationPageFactory(parent=built_site.locations, title=title) for title in titles]
    ensure_network_teams([built_site.procedures, built_site.conditions], locations)
    return locations
