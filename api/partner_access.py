"""The API's side of partner keys (partners/): each read narrowed to the key's scope,
and the key's own usage at ``GET /api/v2/partner/usage/``.

``api.http.APIResponseMiddleware`` checks the key and sets ``request.partner_scope``;
requests without a partner key have no such attribute and are answered as before.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Locale, get_page_models

from changes.scope import Scope as SyncScope
from partners.models import KeyUsage
from partners.scope import (
    images_in_scope,
    objects_in_scope,
    page_in_scope,
    pages_in_scope,
    site_in_scope,
)

#: How many days of usage the partner reads.
USAGE_DAYS = 31


def partner_scope(request):
    """The scope of the request's partner key (``partners.keys.KeyScope``), or None."""
    return getattr(request, "partner_scope", None)


def sync_scope(request):
    """The sync feed's scope for a partner key: its sites, languages and page types only."""
    scope = partner_scope(request)
    if scope is None:
        return None
    content_types = ContentType.objects.filter(pk__in=scope.content_type_ids)
    page_types = {content_type.model_class() for content_type in content_types}
    languages = Locale.objects.filter(pk__in=scope.locale_ids).values_list(
        "language_code", flat=True
    )
    return SyncScope(
        site_ids=scope.site_ids,
        locale_codes=frozenset(languages),
        page_types=frozenset(page_types & set(get_page_models())),
    )


def scoped_pages(request, queryset):
    scope = partner_scope(request)
    return queryset if scope is None else pages_in_scope(queryset, scope)


def scoped_objects(request, queryset):
    scope = partner_scope(request)
    return queryset if scope is None else objects_in_scope(queryset, scope)


def scoped_images(request, queryset):
    scope = partner_scope(request)
    return queryset if scope is None else images_in_scope(queryset, scope)


def shows_page(request, page):
    scope = partner_scope(request)
    return scope is None or page_in_scope(page, scope)


def shows_site_and_locale(request, site, locale):
    scope = partner_scope(request)
    return scope is None or (site_in_scope(site, scope) and locale.pk in scope.locale_ids)


@require_GET
def usage_view(request):
    """Requests of the partner's keys per day and endpoint, over the last USAGE_DAYS days."""
    if request.GET:
        name = sorted(request.GET)[0]
        return JsonResponse({"message": f"query parameter is not allowed: {name}"}, status=400)
    scope = partner_scope(request)
    if scope is None:
        response = JsonResponse(
            {"message": "A partner key is needed to read its usage."}, status=401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    since = timezone.localdate() - datetime.timedelta(days=USAGE_DAYS - 1)
    rows = (
        KeyUsage.objects.filter(key__partner_id=scope.partner_id, day__gte=since)
        .select_related("key")
        .order_by("-day", "key__public_id", "endpoint")
    )
    items = [
        {
            "key": row.key.prefix,
            "day": row.day.isoformat(),
            "endpoint": row.endpoint,
            "requests": row.requests,
        }
        for row in rows
    ]
    return JsonResponse(
        {"meta": {"total_count": len(items), "since": since.isoformat()}, "items": items}
    )
