"""Which clinic a page belongs to, and which clinics a user may work on.

Other apps (e.g. per-clinic lead managers) use ``location_for_page`` and
``clinic_team_for_page`` rather than walking the tree themselves.
"""

from wagtail.models import Page


def location_for_page(page):
    """The LocationPage that is ``page`` or one of its ancestors, as its specific type, or None."""
    from locations.models import LocationPage

    if page is None or not isinstance(page, Page) or not page.path:
        return None
    if isinstance(page, LocationPage):
        return page
    if page.specific_class is LocationPage:
        return page.specific
    return LocationPage.objects.ancestor_of(page).first()


def clinic_team_for_page(page):
    """The ClinicTeam in charge of ``page`` (its location's team), or None."""
    from clinics.models import ClinicTeam

    location = location_for_page(page)
    if location is None:
        return None
    return (
        ClinicTeam.objects.filter(location__translation_key=location.translation_key)
        .select_related("editors")
        .first()
    )


def user_location_ids(user):
    """The ids of the locations a clinic editor is limited to, or None when not limited.

    Superusers and users in no clinic team (network editors, say) are not limited
    by clinic; their model permissions alone decide. Cached on the user object for
    the request.
    """
    from clinics.models import ClinicTeam

    if not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_clinic_location_ids"):
        from locations.models import LocationPage

        # A clinic's location in every language it is translated into.
        keys = ClinicTeam.objects.filter(editors__user=user).values_list(
            "location__translation_key", flat=True
        )
        ids = frozenset(
            LocationPage.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
        )
        user._clinic_location_ids = ids or None
    return user._clinic_location_ids
