from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale
from wagtail.search.utils import normalise_query_string

from search.engine import (
    MAX_QUERY_LENGTH,
    UNAVAILABLE_MESSAGE,
    SearchUnavailable,
    clean_query,
    site_search,
    suggest,
)

RESULTS_PER_PAGE = 10


def promotions_for(query, locale):
    """Editors' picks for this query: pages of the visitor's language, or external links."""
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query)
    ).select_related("page")
    return [
        pick
        for pick in picks
        if pick.page is None or (pick.page.live and pick.page.locale_id == locale.pk)
    ]


def page_of(items, number):
    """The requested page; a page number past the end gives the last page."""
    paginator = Paginator(items, RESULTS_PER_PAGE)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


@require_GET
def search(request):
    """The results page; while the engine is down, a 503 that says so and keeps the query.

    Answering "no results" then would tell a patient that we do not treat their
    condition; the editors' picks (kept in the database) are still shown.
    """
    query, trimmed = clean_query(request.GET.get("q", ""))
    locale = Locale.get_active()
    try:
        outcome = site_search(query, request, locale) if query else None
    except SearchUnavailable:
        outcome = None
        unavailable = True
    else:
        unavailable = False
    promotions = promotions_for(query, locale) if query else []
    promoted_urls = {pick.page.get_url(request) for pick in promotions if pick.page}
    hits = [hit for hit in outcome.hits if hit.url not in promoted_urls] if outcome else []
    results = page_of(hits, request.GET.get("page", 1))
    highlight_query = (outcome.corrected_query if outcome else "") or query
    response = render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "query_trimmed": trimmed,
            "max_query_length": MAX_QUERY_LENGTH,
            "corrected_query": outcome.corrected_query if outcome else "",
            "search_promotions": promotions if results.number == 1 else [],
            "search_results": results,
            "result_count": len(hits) + len(promotions),
            "highlighted_results": [
                (hit, hit.highlighted_summary(highlight_query)) for hit in results
            ],
            "search_unavailable": unavailable,
        },
        status=503 if unavailable else 200,
    )
    response["Cache-Control"] = settings.RESULT_PAGES_CACHE_CONTROL
    return response


@require_GET
def suggestions(request):
    """Autocomplete as JSON: {"query": ..., "suggestions": [{"title", "type", "url"}]}.

    While the engine is down, a 503 with no suggestions: the box still submits a search.
    """
    query, _trimmed = clean_query(request.GET.get("q", ""))
    try:
        hits = suggest(query, request) if query else []
    except SearchUnavailable:
        return JsonResponse(
            {"query": query, "suggestions": [], "message": UNAVAILABLE_MESSAGE}, status=503
        )
    response = JsonResponse(
        {
            "query": query,
            "suggestions": [{"title": hit.title, "type": hit.type, "url": hit.url} for hit in hits],
        }
    )
    response["Cache-Control"] = settings.RESULT_PAGES_CACHE_CONTROL
    return response
