"""Which location pages the public may be shown."""

from django.apps import apps


def public_locations(under):
    """The live location pages under ``under`` (a site root, its translation or a locations
    index) that no view restriction covers.

    Every public listing of locations (the finder page, the nearby-locations API, the
    location list block) reads this, so a clinic made private disappears from all of
    them at once. By model name: this app's models import its blocks, which read this.
    """
    location_model = apps.get_model("locations", "LocationPage")
    return location_model.objects.live().public().descendant_of(under)


def public_locations_shown(under, scope):
    """The public locations under ``under`` (a default-language site root or locations
    index) as ``scope`` shows them, each once: in the scope's language where a live
    translation exists, else in the default language, which the card then says.

    The finder page and the nearby-locations API read this, so both list the same
    clinics in either language, including those not translated yet.
    """
    return scope.pages(public_locations(under), own_site_only=True)
