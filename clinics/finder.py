"""The location finder: where is a ZIP code or a city, and how far is each location from it.

Geocoding uses the offline US ZIP-code data bundled with the ``zipcodes``
package; nothing is looked up over the network. Distances are great-circle
distances computed in Python over the locations' latitude and longitude, so the
finder works the same on SQLite and PostgreSQL (a network has tens of
locations, not millions).
"""

import difflib
import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

import zipcodes
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.calls_to_action import review_call_to_action
from core.models import SiteSettings
from locations.models import US_STATE_CODES
from locations.queries import public_locations_shown
from serialization.content_scope import ContentScope

EARTH_RADIUS_MILES = 3958.8
MAX_QUERY_LENGTH = 100
ZIP_CODE = re.compile(r"^(\d{5})(-\d{4})?$")
LOOKS_LIKE_ZIP = re.compile(r"^[\d\s-]+$")
CITY_AND_STATE = re.compile(r"^(?P<city>.+?)[\s,]+(?P<state>[A-Za-z]{2})$")


#: How alike (difflib's ratio, 0 to 1) a gazetteer name must be to a misspelled city to be
#: offered instead: "Pheonix" and "Phoenix" score 0.86, "Dallas" and "Dalhart" 0.62.
SUGGESTION_CUTOFF = 0.8
MAX_SUGGESTIONS = 3


class PlaceNotFound(ValueError):
    """The query cannot be placed on the map; the message says why, for the visitor.

    ``suggestions`` are the places the visitor may have meant ("Phoenix, AZ"), each a
    query the finder places.
    """

    def __init__(self, message, suggestions=()):
        super().__init__(message)
        self.suggestions = tuple(suggestions)


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class NearbyLocation:
    location: object
    miles: float

    @property
    def miles_display(self):
        return f"{self.miles:.1f}"


def miles_between(lat1, lng1, lat2, lng2):
    """The great-circle (haversine) distance in miles between two points in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = math.radians(lat2 - lat1)
    d_lambda = math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


@functools.cache
def _cities():
    """(lowercase city, state) -> [(lat, lng), ...] of its ZIP codes, built once per process."""
    cities = defaultdict(list)
    for row in zipcodes.list_all():
        if row.get("lat") and row.get("long"):
            cities[(row["city"].lower(), row["state"])].append(
                (float(row["lat"]), float(row["long"]))
            )
    return dict(cities)


@functools.cache
def _city_names():
    """Each city name of the gazetteer once -> its states, biggest place (most ZIP codes) first."""
    states = defaultdict(list)
    for (name, state), points in _cities().items():
        states[name].append((len(points), state))
    return {name: sorted(found, reverse=True) for name, found in states.items()}


def _likeness(misspelled, name, zip_codes):
    # Spelling first; a bigger place breaks a near tie, so that "Pheonix" offers Phoenix
    # (a transposition, 0.86) before Phenix, VA (a dropped letter, 0.92) with one ZIP code.
    return difflib.SequenceMatcher(None, misspelled, name).ratio() + 0.05 * math.log10(zip_codes)


def similar_places(city, state=None):
    """The gazetteer's places spelled most like ``city`` ("Phoenix, AZ" for "pheonix"), in
    ``state`` when it is given and has one, as queries the finder places."""
    in_state = _similar_places(city, state) if state else []
    return in_state or _similar_places(city, None)


def _similar_places(city, state):
    places = {
        name: [(size, st) for size, st in states if st == state] if state else states[:1]
        for name, states in _city_names().items()
    }
    places = {name: found[0] for name, found in places.items() if found}
    close = difflib.get_close_matches(city, places, MAX_SUGGESTIONS * 4, SUGGESTION_CUTOFF)
    close.sort(key=lambda name: _likeness(city, name, places[name][0]), reverse=True)
    return [f"{name.title()}, {places[name][1]}" for name in close[:MAX_SUGGESTIONS]]


def _centre(points):
    return (
        sum(lat for lat, _lng in points) / len(points),
        sum(lng for _lat, lng in points) / len(points),
    )


def locate_zip(query):
    match = ZIP_CODE.match(query)
    if match is None:
        raise PlaceNotFound(
            _("“%(query)s” is not a ZIP code. Enter five digits, such as 75201.") % {"query": query}
        )
    rows = [row for row in zipcodes.matching(match[1]) if row.get("lat") and row.get("long")]
    if not rows:
        raise PlaceNotFound(
            _("We could not find the ZIP code %(zip)s. Check it, or enter your city instead.")
            % {"zip": match[1]}
        )
    row = rows[0]
    return Place(
        label=f"{row['zip_code']} ({row['city']}, {row['state']})",
        latitude=float(row["lat"]),
        longitude=float(row["long"]),
    )


def locate_city(query):
    cities = _cities()
    city, state = query, None
    match = CITY_AND_STATE.match(query)
    if match and match["state"].upper() in US_STATE_CODES:
        city, state = match["city"], match["state"].upper()
    city = " ".join(city.replace(",", " ").split()).lower()
    if state:
        candidates = {state: cities.get((city, state))} if (city, state) in cities else {}
    else:
        candidates = {st: points for (name, st), points in cities.items() if name == city}
    if not candidates:
        raise PlaceNotFound(
            _(
                "We could not find a US city called “%(query)s”. Check the spelling, add the "
                "state (e.g. Dallas, TX) or enter a ZIP code."
            )
            % {"query": query},
            suggestions=similar_places(city, state),
        )
    # A name shared by several states means the biggest place (most ZIP codes) unless the
    # state is given; the label says which one was used.
    state, points = max(candidates.items(), key=lambda item: len(item[1]))
    latitude, longitude = _centre(points)
    return Place(label=f"{city.title()}, {state}", latitude=latitude, longitude=longitude)


def locate(query):
    """The Place for a ZIP code or a city (optionally with its state), or PlaceNotFound."""
    query = " ".join((query or "").split())
    if not query:
        raise PlaceNotFound(_("Enter a ZIP code or a city to find the nearest locations."))
    if len(query) > MAX_QUERY_LENGTH or "\x00" in query:
        raise PlaceNotFound(
            _("Enter a ZIP code or a city of at most %(max)d characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    if LOOKS_LIKE_ZIP.match(query):
        return locate_zip(query.replace(" ", ""))
    return locate_city(query)


def nearest(place, locations):
    """The locations with their distance from ``place`` in miles, nearest first."""
    found = [
        NearbyLocation(
            location,
            miles_between(
                place.latitude, place.longitude, float(location.latitude), float(location.longitude)
            ),
        )
        for location in locations
    ]
    return sorted(found, key=lambda item: (item.miles, item.location.title))


def is_far(results):
    """Whether the nearest of ``results`` is farther than settings.FINDER_FAR_MILES."""
    return bool(results) and results[0].miles > settings.FINDER_FAR_MILES


def review_form(scope):
    """The form page of the site's review call to action, as ``scope`` shows it."""
    site_settings = SiteSettings.objects.filter(site_id=scope.site_id).first()
    _call_to_action, page = review_call_to_action(site_settings, scope)
    return page


def far_offer(request, query, results, scope):
    """What the finder offers when the nearest clinic is far: how far, the remote review
    and the 24/7 phone (in the template, from the site settings)."""
    form = review_form(scope)
    return {
        "miles": f"{results[0].miles:.0f}",
        "place": query,
        "review_url": form.get_url(request) if form else "",
    }


def locations_shown_from(index_page):
    """The public locations a locations index finds, in its language where translated.

    Read from the index's default-language version, so that a clinic not translated
    yet is still found on the other language's index (marked as a fallback there).
    """
    default_index = index_page.get_translation_or_none(Locale.get_default()) or index_page
    return public_locations_shown(default_index, ContentScope.of_page(index_page))


def finder_context(request, index_page):
    """Template context of the finder on a locations index for ``?near=``."""
    query = request.GET.get("near")
    if query is None:
        return {"finder_query": ""}
    try:
        place = locate(query)
    except PlaceNotFound as error:
        return {
            "finder_query": query,
            "finder_error": str(error),
            "finder_suggestions": [
                {"label": label, "url": "?" + urlencode({"near": label})}
                for label in error.suggestions
            ],
        }
    results = nearest(place, locations_shown_from(index_page))
    scope = ContentScope.of_page(index_page)
    return {
        "finder_query": query,
        "finder_place": place,
        "finder_results": results,
        "finder_far": far_offer(request, " ".join(query.split()), results, scope)
        if is_far(results)
        else None,
    }
