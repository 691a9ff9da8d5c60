"""GET /api/v2/locations/nearby/?near=<ZIP or city>[&site=<hostname>][&locale=<code>][&limit=N].

The site's public locations (live, behind no view restriction), nearest first,
each with its distance in miles, in the language ``locale`` names (the default
language without it) as that language's finder page shows them: a location not
translated yet appears in the default language, its card's ``locale`` saying so.
``meta.far`` says whether the nearest is farther than ``meta.far_threshold_miles``
(settings.FINDER_FAR_MILES), when a patient is better offered the remote review.
Errors are JSON 400s with a "message", as elsewhere in v2; when ``near`` names no place
the finder knows, they add "suggestions": the places spelled most like it, each with the
URL of this query for it (``[]`` when none is close).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Locale, Site

from api.partner_access import shows_page
from clinics.finder import PlaceNotFound, is_far, locate, nearest
from locations.queries import public_locations_shown
from serialization import representation
from serialization.content_scope import ContentScope

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
KNOWN_PARAMETERS = {"near", "site", "locale", "limit"}


def _error(message, **extra):
    return JsonResponse({"message": message, **extra}, status=400)


def suggestion_data(request, label):
    """A place the caller may have meant, with this query asked for it."""
    query = {**request.GET.dict(), "near": label}
    return {"label": label, "url": f"{request.path}?{urlencode(query)}"}


def _limit(request):
    raw = request.GET.get("limit", str(DEFAULT_LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)


def _site(request):
    if "site" not in request.GET:
        return Site.find_for_request(request)
    try:
        return SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    except (Http404, ValueError) as error:
        raise ValueError(
            f"site: no single site has the hostname {request.GET['site']!r}"
        ) from error


def _locale(request):
    code = request.GET.get("locale")
    if code is None:
        return Locale.get_default()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        known = ", ".join(
            Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        )
        raise ValueError(f"locale: no language {code!r} (one of {known})")
    return locale


def location_data(result, scope):
    location = result.location
    return {
        **representation.page_card(location, scope),
        "distance_miles": round(result.miles, 1),
        "address": {
            "street_address": location.street_address,
            "city": location.city,
            "state": location.state,
            "zip_code": location.zip_code,
        },
        "geo": location.geo,
        "phones": location.phones,
    }


@require_GET
def nearby_locations(request):
    unknown = sorted(set(request.GET) - KNOWN_PARAMETERS)
    if unknown:
        return _error(f"Unknown query parameters: {', '.join(unknown)}")
    if "near" not in request.GET:
        return _error("near is required: a US ZIP code (75201) or a city (Dallas, TX)")
    try:
        limit = _limit(request)
        site = _site(request)
        locale = _locale(request)
        place = locate(request.GET["near"])
    except PlaceNotFound as error:
        suggestions = [suggestion_data(request, label) for label in error.suggestions]
        return _error(str(error), suggestions=suggestions)
    except ValueError as error:
        return _error(str(error))
    request.content_language = locale.language_code
    scope = ContentScope(site_id=site.pk if site else None, locale_id=locale.pk)
    locations = public_locations_shown(site.root_page, scope) if site else []
    locations = [location for location in locations if shows_page(request, location)]
    results = nearest(place, locations)[:limit]
    return JsonResponse(
        {
            "near": {
                "query": request.GET["near"],
                "label": place.label,
                "latitude": round(place.latitude, 6),
                "longitude": round(place.longitude, 6),
            },
            "meta": {
                "total_count": len(results),
                "far": is_far(results),
                "far_threshold_miles": settings.FINDER_FAR_MILES,
            },
            "items": [location_data(result, scope) for result in results],
        }
    )
