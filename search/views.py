from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from search.engine import (
    MAX_QUERY_LENGTH,
    UNAVAILABLE_MESSAGE,
    UNAVAILABLE_RETRY_AFTER,
    SearchUnavailable,
    clean_query,
    did_you_mean,
    site_of,
    site_search,
    suggest,
)
from search.registry import search_root

RESULTS_PER_PAGE = 10


def promotions_for(query, request, locale):
    """Editors' picks for this query that this site's search may show: external links, and
    picked pages as a result would be, live and public on this site in the visitor's
    language (the page's translation, or its alias here when the page is shared).

    Picks belong to no site, so without this a pick would send an affiliate's visitors
    to the network's site, and a Spanish visitor to nothing when the pick is English.
    """
    site = site_of(request)
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query)
    ).select_related("page")
    shown = []
    for pick in picks:
        if pick.page is not None:
            pick.page = promoted_page(pick.page, site, locale)
            if pick.page is None:
                continue
        shown.append(pick)
    return shown


def promoted_page(page, site, locale):
    version = page if page.locale_id == locale.pk else page.get_translation_or_none(locale)
    if version is None or site is None:
        return None
    here = Page.objects.live().public().descendant_of(search_root(site, locale), inclusive=True)
    return here.filter(Q(pk=version.pk) | Q(alias_of=version.pk)).first()


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
    promotions = promotions_for(query, request, locale) if query else []
    found_nothing = outcome is not None and not (outcome.hits or promotions)
    try:
        meant = did_you_mean(query, request, locale) if found_nothing else ""
    except SearchUnavailable:
        meant = ""
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
            "did_you_mean": meant and {"query": meant, "url": search_url(meant)},
        },
        status=503 if unavailable else 200,
    )
    response["Cache-Control"] = settings.RESULT_PAGES_CACHE_CONTROL
    if unavailable:
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
    return response


def search_url(query):
    """The results page for ``query`` in the active language."""
    return f"{reverse('search')}?{urlencode({'q': query})}"


def did_you_mean_data(meant):
    return {
        "query": meant,
        "url": search_url(meant),
        "message": _("Did you mean “%(query)s”?") % {"query": meant},
    }


@require_GET
def suggestions(request):
    """Autocomplete as JSON: {"query": ..., "suggestions": [{"title", "type", "url"}],
    "did_you_mean": null}.

    When nothing starts like the query, "did_you_mean" is {"query", "url", "message"}: the
    words the visitor probably meant ("foraminotomy" for "foramenot"), whose titles are
    then the suggestions. While the engine is down, a 503 with no suggestions: the box
    still submits a search.
    """
    query, _trimmed = clean_query(request.GET.get("q", ""))
    meant = ""
    try:
        hits = suggest(query, request) if query else []
        if query and not hits:
            meant = did_you_mean(query, request)
            hits = suggest(meant, request) if meant else []
    except SearchUnavailable:
        return JsonResponse(
            {"query": query, "suggestions": [], "message": UNAVAILABLE_MESSAGE},
            status=503,
            headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER)},
        )
    response = JsonResponse(
        {
            "query": query,
            "suggestions": [{"title": hit.title, "type": hit.type, "url": hit.url} for hit in hits],
            "did_you_mean": did_you_mean_data(meant) if meant else None,
        }
    )
    response["Cache-Control"] = settings.RESULT_PAGES_CACHE_CONTROL
    return response
